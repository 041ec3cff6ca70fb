// Child process of live-latency.bench.mjs: opens N real socket.io clients, joins a room, and
// records for every socket when each member's pause token first became visible. On "finish"
// it receives the send log and answers a latency histogram (0.25 ms buckets) for all
// (event, socket) pairs: an event counts as delivered when a patch shows its member with
// that token or a later one (coalescing may merge several into one patch).
import { io } from 'socket.io-client';

const BUCKET_MS = 0.25;
const BUCKETS = 40_000; // up to 10 s
const now = () => performance.timeOrigin + performance.now();

const { url, cookie, count, room } = JSON.parse(process.argv[2]);
const sockets = [];
/** per socket: Map memberKey -> Array<[token, receivedAt]> (increasing tokens) */
const seen = [];

function record(index, patch, receivedAt) {
  const queues = patch?.queues;
  if (!queues) return;
  const bySocket = seen[index];
  for (const [queue, view] of Object.entries(queues)) {
    for (const member of view?.members ?? []) {
      const match = /^b:(\d+)$/.exec(member.pausedReason ?? '');
      if (!match) continue;
      const key = `${queue}|${member.interface}`;
      const token = Number(match[1]);
      let list = bySocket.get(key);
      if (!list) bySocket.set(key, (list = []));
      if (list.length === 0 || list[list.length - 1][0] < token) list.push([token, receivedAt]);
    }
  }
}

async function connectAll() {
  let connected = 0;
  const batch = 50;
  for (let start = 0; start < count; start += batch) {
    const group = [];
    for (let i = start; i < Math.min(count, start + batch); i++) {
      const socket = io(url, {
        path: '/socket.io',
        transports: ['websocket'],
        extraHeaders: cookie ? { cookie } : {},
        reconnection: false,
        forceNew: true,
      });
      seen[i] = new Map();
      socket.on('patch', (message) => record(i, message.patch, now()));
      socket.on('snapshot', () => {});
      sockets[i] = socket;
      group.push(
        new Promise((resolve, reject) => {
          socket.once('connect_error', reject);
          socket.once('connect', () =>
            socket.emit('join', room, (ack) => (ack?.ok ? resolve() : reject(new Error(JSON.stringify(ack))))),
          );
        }),
      );
    }
    await Promise.all(group);
    connected += group.length;
  }
  return connected;
}

function histogram(sendLog) {
  const buckets = new Uint32Array(BUCKETS);
  let delivered = 0;
  let missing = 0;
  let max = 0;
  // sendLog: Array<[token, key, sentAt]>, tokens increasing
  for (const bySocket of seen) {
    const cursor = new Map();
    for (const [token, key, sentAt] of sendLog) {
      const list = bySocket.get(key) ?? [];
      let i = cursor.get(key) ?? 0;
      while (i < list.length && list[i][0] < token) i++;
      cursor.set(key, i);
      if (i >= list.length) {
        missing++;
        continue;
      }
      const latency = Math.max(0, list[i][1] - sentAt);
      max = Math.max(max, latency);
      buckets[Math.min(BUCKETS - 1, Math.floor(latency / BUCKET_MS))]++;
      delivered++;
    }
  }
  return { buckets: Array.from(buckets), delivered, missing, max };
}

process.on('message', (message) => {
  if (message.type === 'finish') {
    process.send({ type: 'result', ...histogram(message.sendLog) });
  } else if (message.type === 'reset') {
    for (const bySocket of seen) bySocket.clear();
    process.send({ type: 'reset-done' });
  } else if (message.type === 'close') {
    for (const socket of sockets) socket.close();
    setTimeout(() => process.exit(0), 100);
  }
});

connectAll().then(
  (connected) => process.send({ type: 'ready', connected }),
  (error) => {
    process.send({ type: 'error', message: String(error?.message ?? error) });
    process.exit(1);
  },
);
