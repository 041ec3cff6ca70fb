// `npm run demo`: a whole front office on this machine with no configuration. Installs what
// is missing, builds, starts a private redis-server (unless REDIS_URL is set), the AMI
// simulator with a realistic day of traffic (unless AMI_HOST points at a real Asterisk),
// the server and the dashboard, then prints the URL and the demo logins. Ctrl-C stops
// everything it started.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { bootstrap, repoRoot } from './lib/bootstrap.mjs';
import { build } from './build.mjs';

bootstrap();
build();

const { startRedis, freePort } = await import('../tools/redis-server.mjs');
const children = [];
let redis = null;
let stopping = false;

async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  console.log('\nIRIS: stopping...');
  for (const child of children.reverse()) {
    if (child.exitCode === null) child.kill('SIGTERM');
  }
  await Promise.all(
    children.map((child) => (child.exitCode === null ? new Promise((r) => child.once('exit', r)) : null)),
  );
  if (redis) await redis.stop();
  process.exit(code);
}
process.on('SIGINT', () => void stopAll(0));
// If the launcher itself dies (an error, not a signal), its children must not outlive it.
process.on('exit', () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
});
process.on('SIGTERM', () => void stopAll(0));

/** Starts a child and resolves once a line of its output matches `ready`. */
function startChild(name, args, env, ready) {
  return new Promise((resolve, reject) => {
    // Each child has its own process group: Ctrl-C reaches only this launcher, which then stops
    // the server first, the simulator next and Redis last, so nothing loses its store mid-flight.
    const child = spawn(process.execPath, args, {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    children.push(child);
    let buffer = '';
    const onData = (chunk) => {
      buffer += chunk;
      if (process.env.IRIS_DEMO_VERBOSE) process.stdout.write(`[${name}] ${chunk}`);
      const match = ready.exec(buffer);
      if (match) resolve(match);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk) => {
      buffer += chunk;
      process.stderr.write(`[${name}] ${chunk}`);
    });
    child.once('exit', (code) => {
      if (!stopping) {
        reject(new Error(`${name} exited with code ${code}`));
        void stopAll(1);
      }
    });
  });
}

const demoDir = process.env.IRIS_DEMO_DIR ?? path.join(repoRoot, '.demo');
const redisUrl =
  process.env.REDIS_URL ||
  (redis = await startRedis({ dir: path.join(demoDir, 'redis'), keepDir: true, detached: true })).url;
if (redis) console.log(`IRIS: private redis-server on ${redis.url} (data in ${path.join(demoDir, 'redis')}, AOF on)`);
if (redis) {
  // A month of past days, so the charts and yesterday's figures are not empty on a first look.
  // Deterministic ids: a second demo on the same data counts nothing twice. Never on a REDIS_URL.
  const seeded = spawnSync(
    process.execPath,
    [path.join(repoRoot, 'server/dist/cli/main.js'), 'seed-history', '--days', '30', '--redis-url', redis.url],
    {
      cwd: repoRoot,
      encoding: 'utf8',
    },
  );
  if (seeded.status !== 0) console.error(`IRIS: could not seed the demo history: ${seeded.stderr.trim()}`);
  else console.log(`IRIS: ${seeded.stdout.trim()}`);
}

let amiEnv = {};
if (!process.env.AMI_HOST) {
  // An empty variable counts as unset, as in a shell's `AMI_HOST= npm run demo`.
  const simulatorCli = path.join(repoRoot, 'telephony/dist/simulator/cli.js');
  if (!existsSync(simulatorCli)) throw new Error('the AMI simulator is not built (telephony/dist/simulator/cli.js)');
  const amiPort = await freePort();
  await startChild(
    'simulator',
    [
      simulatorCli,
      '--port',
      String(amiPort),
      '--username',
      'iris',
      '--secret',
      'iris-demo',
      '--seed',
      '2026',
      '--speed',
      process.env.IRIS_DEMO_SPEED ?? '20',
    ],
    {},
    /listening on 127\.0\.0\.1:\d+/,
  );
  console.log(
    `IRIS: AMI simulator on 127.0.0.1:${amiPort} (two queues, eight agents, a city hall's day at x${process.env.IRIS_DEMO_SPEED ?? '20'})`,
  );
  amiEnv = { AMI_HOST: '127.0.0.1', AMI_PORT: String(amiPort), AMI_USERNAME: 'iris', AMI_SECRET: 'iris-demo' };
}

const port = process.env.PORT ?? '3000';
await startChild(
  'server',
  [path.join(repoRoot, 'server/dist/main.js')],
  { PORT: port, REDIS_URL: redisUrl, IRIS_DEMO_SEED_USERS: 'true', ...amiEnv },
  /IRIS listening on http/,
);

const url = `http://127.0.0.1:${port}/`;
console.log(`\nIRIS is running: ${url}`);
try {
  const { DEMO_USERS } = await import(path.join(repoRoot, 'server/dist/users/demo-users.js'));
  console.log('Demo logins (username / password / role):');
  for (const user of DEMO_USERS)
    console.log(`  ${user.username.padEnd(16)} ${user.password.padEnd(12)} ${user.roles.join(', ')}`);
} catch {
  console.log('(no demo users module found)');
}
console.log('Press Ctrl-C to stop everything.');
