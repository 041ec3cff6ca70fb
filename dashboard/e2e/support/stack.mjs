// The real IRIS stack for the browser tests: a private redis-server, the AMI simulator
// (telephony's, over real TCP), the real server (server/dist/main.js) serving the built
// dashboard. Builds what is missing first. Everything started here is stopped by stop().
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from './browser.mjs';

const serverMain = path.join(repoRoot, 'server/dist/main.js');
const simulatorModule = path.join(repoRoot, 'telephony/dist/simulator/simulator.js');
const dashboardIndex = path.join(repoRoot, 'dashboard/dist/index.html');

export const DEMO_PASSWORD = 'iris-demo';
export const AMI_USERNAME = 'iris';
export const AMI_SECRET = 'iris-e2e';

function run(command, args) {
  const result = spawnSync(command, args, { cwd: repoRoot, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed with ${result.status}`);
}

/** The server and the simulator run from their builds; the dashboard from its own. */
export function ensureBuilt() {
  const rebuild = process.env.IRIS_E2E_REBUILD !== 'false';
  if (rebuild || !existsSync(serverMain) || !existsSync(simulatorModule)) {
    // Incremental, so cheap when nothing changed. tsc emits even when another package has a
    // type error (typecheck reports those): what matters here is that the builds exist.
    spawnSync('npx', ['tsc', '-b', 'tsconfig.json'], { cwd: repoRoot, stdio: 'inherit' });
    if (!existsSync(serverMain) || !existsSync(simulatorModule))
      throw new Error('building the server and the simulator failed (npx tsc -b)');
  }
  if (rebuild || !existsSync(dashboardIndex)) run('npm', ['run', 'build', '-w', 'dashboard']);
}

export async function startSimulator(options) {
  const { startSimulator: start } = await import(pathToFileURL(simulatorModule).href);
  return start({ username: AMI_USERNAME, secret: AMI_SECRET, ...options });
}

async function waitForHttp(url, child, output, deadlineMs = 60_000) {
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > deadlineMs) throw new Error(`the server did not answer ${url} in time:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * @param {{ simulator?: object, env?: Record<string, string> }} [options] simulator options (seed, speed, maxCalls...)
 */
export async function startStack(options = {}) {
  ensureBuilt();
  const { startRedis, freePort } = await import(pathToFileURL(path.join(repoRoot, 'tools/redis-server.mjs')).href);
  const redis = await startRedis();
  let simulator = null;
  let server = null;
  try {
    simulator = await startSimulator({ seed: 6, speed: 30, holdUntilFirstClient: true, ...options.simulator });
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    let log = '';
    const serverEnv = {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      REDIS_URL: redis.url,
      IRIS_KEY_PREFIX: `e2e:${process.pid}:`,
      AMI_ENABLED: 'true',
      AMI_HOST: '127.0.0.1',
      AMI_PORT: String(simulator.port),
      AMI_USERNAME,
      AMI_SECRET,
      IRIS_DEMO_SEED_USERS: 'true',
      LOGIN_RATE_LIMIT: '1000',
      LOG_LEVEL: 'warn',
      ...options.env,
    };
    const startServer = async () => {
      server = spawn(process.execPath, [serverMain], {
        cwd: repoRoot,
        env: serverEnv,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const keep = (chunk) => {
        log = (log + chunk).slice(-20_000);
      };
      server.stdout.on('data', keep);
      server.stderr.on('data', keep);
      await waitForHttp(`${baseUrl}/health/live`, server, () => log);
    };
    const stopServer = async () => {
      if (!server || server.exitCode !== null) return;
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      const timer = setTimeout(() => server.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    };
    await startServer();
    const stack = {
      baseUrl,
      redis,
      simulator,
      serverLog: () => log,
      /** Replaces the simulator by a fresh one on the same port (the server reconnects to it). */
      async restartSimulator(simulatorOptions = {}) {
        await stack.simulator.stop();
        stack.simulator = await startSimulator({ seed: 7, speed: 30, port: simulator.port, ...simulatorOptions });
        return stack.simulator;
      },
      /** Stops the server gracefully (SIGTERM); startServer() brings it back on the same port and Redis. */
      stopServer,
      startServer,
      async stop() {
        await stopServer();
        await stack.simulator?.stop();
        await redis.stop();
      },
    };
    return stack;
  } catch (error) {
    if (server && server.exitCode === null) server.kill('SIGKILL');
    await simulator?.stop();
    await redis.stop();
    throw error;
  }
}
