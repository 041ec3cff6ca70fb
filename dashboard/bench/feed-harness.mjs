// A synthetic live feed for the dashboard benchmark (and for looking at screens before a
// server runs): serves dashboard/dist with an SPA fallback, answers the REST calls the
// wallboard makes, and speaks the socket contract of @iris/shared (join -> snapshot with
// seq, then patches with consecutive seq) over a real socket.io server, at a chosen rate.
// It is NOT the IRIS server: the committed e2e tests run against the real one. Here we
// need a feed whose rate we control exactly (10 patches/s for the heap check).
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Server } from 'socket.io';

const distDir = fileURLToPath(new URL('../dist/', import.meta.url));
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
};

const NAMES = [
  'Julie Bernard',
  'Karim Haddad',
  'Sophie Petit',
  'Thomas Moreau',
  'Nadia Benali',
  'Lucas Robert',
  'Camille Durand',
  'Mehdi Lefebvre',
];
const MODES = ['phone', 'phone', 'phone', 'desk', 'mail', 'phone', 'break', 'offline'];

function figures(offered, answered, extra = {}) {
  return {
    offered,
    answered,
    abandoned: offered - answered,
    shortAbandoned: 2,
    timedOut: 0,
    exited: 0,
    answeredWithinServiceLevel: Math.floor(answered * 0.8),
    pickupRate: offered === 0 ? null : answered / offered,
    serviceLevel: offered === 0 ? null : Math.floor(answered * 0.8) / offered,
    averageSpeedOfAnswer: offered === 0 ? null : 18.4,
    meanAbandonWait: null,
    averageHandleTime: 212,
    ...extra,
  };
}

export function initialState(now = Date.now()) {
  const agents = {};
  NAMES.forEach((name, i) => {
    const agentId = String(1001 + i);
    agents[agentId] = {
      agentId,
      name,
      mode: MODES[i],
      pendingMode: null,
      deviceState: MODES[i] === 'offline' ? 'unavailable' : i === 1 ? 'in_use' : 'not_in_use',
      since: now - (i + 1) * 97_000,
      callsToday: 3 + i * 2,
      talkSecondsToday: 600 + i * 130,
      currentCall:
        i === 1 ? { callId: 'c-1', queue: 'accueil', callerNumber: '+33146552783', since: now - 75_000 } : null,
      queues: ['accueil', 'etat-civil'],
    };
  });
  const members = Object.values(agents).map((a) => ({
    agentId: a.agentId,
    interface: `PJSIP/${a.agentId}`,
    name: a.name,
    deviceState: a.deviceState,
    paused: a.mode !== 'phone',
    pausedReason: a.mode === 'phone' ? '' : `iris:${a.mode}`,
    inCall: a.currentCall !== null,
  }));
  const queue = (name, waiting, offered, answered) => ({
    queue: name,
    serviceLevelSeconds: 20,
    waiting,
    members,
    callsInProgress: name === 'accueil' ? 1 : 0,
    kpis: { last15m: figures(6, 5), lastHour: figures(24, 22), today: figures(offered, answered) },
  });
  return {
    serverTime: now,
    pickupRateTarget: 0.91,
    frontOffice: { last15m: figures(9, 7), lastHour: figures(41, 38), today: figures(212, 196) },
    queues: {
      accueil: queue(
        'accueil',
        [{ callId: 'w1', callerNumber: '0694699302', callerName: null, position: 1, joinedAt: now - 48_000 }],
        150,
        139,
      ),
      'etat-civil': queue('etat-civil', [], 62, 57),
    },
    agents,
    telephony: { state: 'connected', since: now - 3_600_000 },
  };
}

function series(bucketMs, count, end) {
  const points = [];
  for (let i = count - 1; i >= 0; i--) {
    const offered = 8 + ((i * 7) % 11);
    const answered = offered - (i % 3);
    points.push({ start: end - (i + 1) * bucketMs, figures: { offered, answered, pickupRate: answered / offered } });
  }
  return { points };
}

/** Starts the harness; `patchesPerSecond` 0 sends no patches. */
export async function startFeedHarness({ port = 0, patchesPerSecond = 0, role = 'supervisor' } = {}) {
  let state = initialState();
  let seq = 1;
  const user =
    role === 'agent'
      ? { username: 'agent1002', displayName: 'Karim Haddad', roles: ['agent'], agentId: '1002', service: null }
      : {
          username: 'claire.martin',
          displayName: 'Claire Martin',
          roles: ['supervisor', 'admin'],
          agentId: null,
          service: null,
        };
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    const json = (status, body) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/api/auth/me') return json(200, user);
    if (url.pathname === '/__baseline') {
      // The paint baseline: the smallest useful page this server can send.
      res.writeHead(200, { 'content-type': TYPES['.html'] });
      return res.end('<!doctype html><html lang="fr"><title>base</title><h1>Taux de décroché 91,0 %</h1>');
    }
    if (url.pathname === '/api/kpis/series') {
      const day = url.searchParams.get('bucket') === '1d';
      return json(200, series(day ? 86_400_000 : 900_000, day ? 30 : 36, Date.now()));
    }
    if (url.pathname === '/api/users') return json(200, [user]);
    // The wallboard's polled panels answer as the real server does on a quiet day, so the
    // page logs no failed request (the browser keeps every console message).
    if (url.pathname === '/api/desk/figures') {
      const day = new Date().toISOString().slice(0, 10);
      return json(200, {
        day,
        waiting: 2,
        oldestWaitingSince: Date.now() - 95_000,
        inService: 1,
        served: 14,
        redirected: 1,
        meanWaitSeconds: 240,
        meanServiceSeconds: 380,
        takenLast15Minutes: 3,
        perReason: {},
        lastCalled: [],
      });
    }
    if (url.pathname === '/api/desk/reasons') return json(200, []);
    if (url.pathname === '/api/intake/today')
      return json(200, {
        day: new Date().toISOString().slice(0, 10),
        byChannel: { desk: 12, phone: 30, mail: 4, email: 9, sms: 2 },
        backlog: {},
      });
    if (url.pathname === '/api/rotation/plans') return json(200, []);
    if (url.pathname.startsWith('/api/')) return json(404, { code: 'NOT_FOUND', message: 'not in the harness' });
    const file = path.join(distDir, path.normalize(url.pathname).replace(/^(\.\.[/\\])+/, ''));
    try {
      const body = await readFile(file.endsWith('/') ? path.join(file, 'index.html') : file);
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(200, { 'content-type': TYPES['.html'] });
      res.end(await readFile(path.join(distDir, 'index.html')));
    }
  });
  const io = new Server(server, { transports: ['websocket'] });
  io.on('connection', (socket) => {
    socket.on('join', (room, ack) => {
      socket.join(room);
      const roomState =
        room === 'supervisor' ? state : { serverTime: Date.now(), agent: state.agents[room.slice('agent:'.length)] };
      ack({ ok: true });
      socket.emit('snapshot', { room, seq, state: roomState });
    });
    socket.on('resync', (room, ack) => {
      ack({ ok: true });
      socket.emit('snapshot', { room, seq, state });
    });
    socket.on('leave', (room, ack) => {
      socket.leave(room);
      ack({ ok: true });
    });
  });

  let tick = 0;
  const timer =
    patchesPerSecond > 0
      ? setInterval(() => {
          tick += 1;
          const now = Date.now();
          const agentId = String(1001 + (tick % NAMES.length));
          const agent = { ...state.agents[agentId], callsToday: state.agents[agentId].callsToday + 1, since: now };
          const offered = 212 + tick;
          const answered = 196 + Math.floor(tick * 0.92);
          const waiting = Array.from({ length: tick % 4 }, (_, i) => ({
            callId: `w${tick}-${i}`,
            callerNumber: '0146552783',
            callerName: null,
            position: i + 1,
            joinedAt: now - i * 9000,
          }));
          const patch = {
            serverTime: now,
            frontOffice: { ...state.frontOffice, today: figures(offered, answered) },
            queues: { accueil: { ...state.queues.accueil, waiting } },
            agents: { [agentId]: agent },
          };
          state = {
            ...state,
            ...patch,
            queues: { ...state.queues, ...patch.queues },
            agents: { ...state.agents, ...patch.agents },
          };
          seq += 1;
          io.to('supervisor').emit('patch', { room: 'supervisor', seq, patch });
        }, 1000 / patchesPerSecond)
      : null;

  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address();
  return {
    url: `http://127.0.0.1:${address.port}`,
    patchesSent: () => seq - 1,
    async stop() {
      if (timer) clearInterval(timer);
      io.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

// `node bench/feed-harness.mjs [patchesPerSecond] [port]`: run it by hand to look at the screens.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const harness = await startFeedHarness({
    patchesPerSecond: Number(process.argv[2] ?? 1),
    port: Number(process.argv[3] ?? 0),
    role: process.env.HARNESS_ROLE,
  });
  console.log(`feed harness on ${harness.url}`);
}
