// Live feed latency: from an AMI frame leaving the simulator (a QueueMemberPause with a
// unique reason) to the patch showing it at each socket.io client in the supervisor room,
// p50/p99 over every (event, client) pair, with 1, 100 and 1,000 clients at 50 and 500
// events/s. The same run measures a floor: the same frames forwarded from a TCP socket
// straight to a socket.io emit (no parsing, store, projection or coalescing), and the
// server's memory with 1,000 clients. Writes server/bench/LIVE-RESULTS.md.
import { fork, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startSimulator } from '@iris/telephony';

const here = import.meta.dirname;
const repoRoot = path.resolve(here, '../..');
// The repo's private redis-server launcher (a tool, not a package): loaded by path.
const { freePort, startRedis } = await import(pathToFileURL(path.join(repoRoot, 'tools/redis-server.mjs')).href);
const CLIENT_COUNTS = [1, 100, 1000];
const RATES = [50, 500];
const RUN_MS = 3_000;
const DRAIN_MS = 2_500;
const FAST_PATCHES_PER_SECOND = 20;
const BUCKET_MS = 0.25;
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(buckets, total, p) {
  if (total === 0) return null;
  const target = Math.ceil(total * p);
  let seen = 0;
  for (let i = 0; i < buckets.length; i++) {
    seen += buckets[i];
    if (seen >= target) return (i + 1) * BUCKET_MS;
  }
  return buckets.length * BUCKET_MS;
}

function rssMiB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

function waitMessage(child, type, timeoutMs = 120_000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${type} from child within ${timeoutMs} ms`)), timeoutMs);
    const onMessage = (message) => {
      if (message.type === 'error') {
        clearTimeout(timer);
        child.off('message', onMessage);
        reject(new Error(message.message));
      } else if (message.type === type) {
        clearTimeout(timer);
        child.off('message', onMessage);
        resolve(message);
      }
    };
    child.on('message', onMessage);
  });
}

async function startServer(env) {
  const child = spawn(process.execPath, [path.join(repoRoot, 'server/dist/main.js')], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output.slice(-2000)}`)), 60_000);
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const match = /"msg":"IRIS listening on (http:\/\/[^"]+)"/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output.slice(-2000)}`)));
  });
  return { child, url };
}

async function stopServer(server) {
  server.child.kill('SIGTERM');
  await new Promise((resolve) =>
    server.child.exitCode !== null || server.child.signalCode !== null ? resolve() : server.child.once('exit', resolve),
  );
}

async function until(read, done, what, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read().catch(() => null);
    if (value !== null && done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

async function login(url) {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'claire.martin', password: 'iris-demo' }),
  });
  if (response.status !== 200) throw new Error(`login failed: ${response.status}`);
  return response.headers.get('set-cookie').split(';')[0];
}

/** Sends `rate` events per second for RUN_MS; returns the send log [token, memberKey, sentAt]. */
async function drive(rate, members, send, firstToken) {
  const log = [];
  let token = firstToken;
  let credit = 0;
  const started = now();
  await new Promise((resolve) => {
    const timer = setInterval(() => {
      const elapsed = now() - started;
      if (elapsed >= RUN_MS) {
        clearInterval(timer);
        resolve();
        return;
      }
      credit = (elapsed / 1000) * rate - (token - firstToken);
      while (credit >= 1) {
        const member = members[token % members.length];
        const sentAt = now();
        send(member, `b:${token}`);
        log.push([token, `${member.queue}|${member.interface}`, sentAt]);
        token += 1;
        credit -= 1;
      }
    }, 5);
  });
  return log;
}

async function measure({ label, url, cookie, clients, rate, members, send, tokenBase, serverPid }) {
  const spawnClients = (count) =>
    fork(path.join(here, 'live-bench-clients.mjs'), [JSON.stringify({ url, cookie, count, room: 'supervisor' })], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
  // The crowd, and one probe client in its own process: the crowd's figures include its own
  // decoding of every patch on a shared core; the probe's show what one browser would see.
  const crowd = spawnClients(clients);
  const ready = await waitMessage(crowd, 'ready');
  const probe = spawnClients(1);
  await waitMessage(probe, 'ready');
  await sleep(500);
  const memoryWithClients = serverPid ? rssMiB(serverPid) : null;
  const log = await drive(rate, members, send, tokenBase);
  await sleep(DRAIN_MS);
  const results = [];
  for (const child of [crowd, probe]) {
    child.send({ type: 'finish', sendLog: log });
    results.push(await waitMessage(child, 'result'));
    child.send({ type: 'close' });
    await new Promise((resolve) => child.once('exit', resolve));
  }
  const [result, probeResult] = results;
  const row = {
    label,
    clients: ready.connected,
    rate,
    events: log.length,
    p50: percentile(result.buckets, result.delivered, 0.5),
    p99: percentile(result.buckets, result.delivered, 0.99),
    max: result.max,
    delivered: result.delivered,
    expected: log.length * ready.connected,
    probeP50: percentile(probeResult.buckets, probeResult.delivered, 0.5),
    probeP99: percentile(probeResult.buckets, probeResult.delivered, 0.99),
    probeDelivered: probeResult.delivered,
    memoryWithClients,
  };
  console.log(JSON.stringify({ ...row, buckets: undefined }));
  return row;
}

const CAP_MS = 10_000; // the clients' histogram stops at 10 s
const fmt = (ms) => (ms === null ? '—' : ms >= CAP_MS ? '≥ 10 s' : `${ms.toFixed(1)} ms`);
const capped = (ms) => ms === null || ms >= CAP_MS;

async function main() {
  const redis = await startRedis();
  const simulator = await startSimulator({ username: 'iris', secret: 'bench', seed: 5, speed: 1, maxCalls: 0 });
  const members = simulator.members().map(({ queue, interface: iface }) => ({ queue, interface: iface }));
  const rows = [];
  let tokenBase = 1;
  const started = Date.now();
  const dashboardDir = mkdtempSync(path.join(os.tmpdir(), 'iris-bench-'));
  const baseEnv = {
    PORT: String(await freePort()),
    REDIS_URL: redis.url,
    IRIS_KEY_PREFIX: 'bench:',
    AMI_HOST: '127.0.0.1',
    AMI_PORT: String(simulator.port),
    AMI_USERNAME: 'iris',
    AMI_SECRET: 'bench',
    IRIS_DEMO_SEED_USERS: 'true',
    LOG_LEVEL: 'info',
    DASHBOARD_DIR: dashboardDir,
  };
  let memory = null;
  try {
    for (const patchRate of [FAST_PATCHES_PER_SECOND, 4]) {
      const server = await startServer({ ...baseEnv, PATCH_MAX_PER_SECOND: String(patchRate) });
      try {
        await until(
          () => fetch(`${server.url}/health/ready`).then((r) => r.status),
          (s) => s === 200,
          'server ready',
        );
        const cookie = await login(server.url);
        await until(
          () => fetch(`${server.url}/api/queues`, { headers: { cookie } }).then((r) => r.json()),
          (queues) => Array.isArray(queues) && queues.reduce((n, q) => n + q.members.length, 0) === members.length,
          'members projected',
        );
        const baseline = rssMiB(server.child.pid);
        const matrix =
          patchRate === 4 ? [[100, 500]] : CLIENT_COUNTS.flatMap((clients) => RATES.map((rate) => [clients, rate]));
        for (const [clients, rate] of matrix) {
          const row = await measure({
            label: `IRIS (≤ ${patchRate} patches/s/room)`,
            url: server.url,
            cookie,
            clients,
            rate,
            members,
            send: (member, reason) => simulator.pauseMember(member.queue, member.interface, reason),
            tokenBase,
            serverPid: server.child.pid,
          });
          tokenBase += row.events + 1;
          rows.push(row);
          if (clients === 1000 && rate === 500)
            memory = { baseline, withClients: row.memoryWithClients, afterRun: rssMiB(server.child.pid) };
        }
      } finally {
        await stopServer(server);
      }
    }

    // The floor: same frames, TCP -> socket.io emit, nothing else.
    const frameServer = net.createServer();
    let frameSocket = null;
    frameServer.on('connection', (socket) => (frameSocket = socket));
    await new Promise((resolve) => frameServer.listen(0, '127.0.0.1', resolve));
    const floor = fork(
      path.join(here, 'live-floor-server.mjs'),
      [JSON.stringify({ framePort: frameServer.address().port })],
      { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
    );
    const { port } = await waitMessage(floor, 'listening');
    await until(
      async () => frameSocket,
      (s) => s !== null,
      'floor connected to the frame source',
    );
    try {
      for (const clients of CLIENT_COUNTS) {
        for (const rate of RATES) {
          const row = await measure({
            label: 'floor (TCP → socket.io emit)',
            url: `http://127.0.0.1:${port}`,
            cookie: null,
            clients,
            rate,
            members,
            send: (member, reason) => frameSocket.write(`${reason}|${member.queue}|${member.interface}\n`),
            tokenBase,
            serverPid: floor.pid,
          });
          tokenBase += row.events + 1;
          rows.push(row);
        }
      }
    } finally {
      floor.send({ type: 'close' });
      frameServer.close();
    }
  } finally {
    await simulator.stop();
    await redis.stop();
  }

  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  const [load1] = os.loadavg();
  const floorOf = (row) =>
    rows.find((r) => r.label.startsWith('floor') && r.clients === row.clients && r.rate === row.rate);
  const lines = [
    `Run on ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, in ${seconds} s, load average ${load1.toFixed(1)} at the end ` +
      '(`npm run bench -w server`, `server/bench/live-latency.bench.mjs`). Server: `node server/dist/main.js` in its own process against a private ' +
      'redis-server and the AMI simulator (no call traffic: only the measured frames); clients: real socket.io-client websockets in one child process, ' +
      'all in the supervisor room. An event is a QueueMemberPause with a unique reason; its latency at a client is the time until a patch shows that ' +
      'member with that reason or a later one (coalescing merges several events into one patch). ' +
      `Each cell: ${RUN_MS / 1000} s of events, every (event, client) pair counted. "probe": one more client in its own process ` +
      '(what a single browser sees while the crowd is connected; the crowd shares one process, so its figures include decoding every patch for every socket).',
    '',
    '| path | clients | events/s | events | p50 | p99 | max | delivered / expected | p99 vs floor | probe p50 | probe p99 | probe p99 vs floor probe |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map((row) => {
      const base = row.label.startsWith('floor') ? null : floorOf(row);
      const ratio = base && !capped(base.p99) ? `${(row.p99 / base.p99).toFixed(1)}×` : base ? 'floor saturated' : '';
      const probeRatio =
        base && !capped(base.probeP99)
          ? `${(row.probeP99 / base.probeP99).toFixed(1)}×`
          : base
            ? 'floor saturated'
            : '';
      return (
        `| ${row.label} | ${row.clients} | ${row.rate} | ${row.events} | ${fmt(row.p50)} | ${fmt(row.p99)} | ${fmt(row.max)} | ` +
        `${row.delivered} / ${row.expected} | ${ratio} | ${fmt(row.probeP50)} | ${fmt(row.probeP99)} | ${probeRatio} |`
      );
    }),
    '',
    memory
      ? `Server memory (RSS): ${memory.baseline.toFixed(0)} MiB before clients, ${memory.withClients.toFixed(0)} MiB with 1,000 connected supervisor clients, ` +
        `${memory.afterRun.toFixed(0)} MiB after that run, once its clients left (≈ ${(((memory.withClients - memory.baseline) * 1024) / 1000).toFixed(0)} KiB per client).`
      : '',
    '',
    'The IRIS path includes AMI parsing, dedupe + append to the Redis event log, projection, the cross-replica change announcement, a read of the ' +
      'whole supervisor state and its diff. Coalescing bounds the patch rate per room, so a patch shows every event since the previous one: with the ' +
      `default 4 patches/s a change waits up to 250 ms for its room's next patch by design; the main rows use ${FAST_PATCHES_PER_SECOND}/s. ` +
      'Clients and server share the same 2 cores, so the 1,000-client rows also measure the clients decoding every patch. ' +
      'The floor sends every frame to every client, uncoalesced: where its delivered count falls short, it could not keep up ' +
      `within the ${DRAIN_MS / 1000} s drain (IRIS, coalescing, sends one patch for many frames).`,
  ];
  writeFileSync(path.join(here, 'LIVE-RESULTS.md'), `${lines.join('\n')}\n`);
  console.log(lines.join('\n'));
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
