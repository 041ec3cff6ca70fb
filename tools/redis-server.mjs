// Starts a private, real redis-server for tests, the demo and benchmarks: a free port on
// loopback, a temporary data directory, AOF on (appendfsync everysec, as in production).
// The caller owns the returned handle and must call stop(); the process is also killed if
// this Node process exits first, so no redis-server is ever left behind.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function waitForPing(port, deadlineMs) {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => socket.write('PING\r\n'));
      socket.once('data', (data) => {
        socket.destroy();
        if (data.toString().startsWith('+PONG')) resolve();
        else retry();
      });
      socket.once('error', retry);
      function retry() {
        socket.destroy();
        if (Date.now() - started > deadlineMs) reject(new Error(`redis-server did not answer on port ${port}`));
        else setTimeout(attempt, 50);
      }
    };
    attempt();
  });
}

/**
 * @param {{ port?: number, dir?: string, keepDir?: boolean, appendfsync?: 'always' | 'everysec', detached?: boolean }} [options]
 *   detached: run in its own process group, so a terminal's Ctrl-C reaches only the launcher,
 *   which stops its clients before Redis.
 * @returns {Promise<{ url: string, port: number, dir: string, pid: number, stop: () => Promise<void>, kill: (signal?: NodeJS.Signals) => Promise<void> }>}
 */
export async function startRedis(options = {}) {
  const port = options.port ?? (await freePort());
  const dir = options.dir ?? mkdtempSync(path.join(os.tmpdir(), 'iris-redis-'));
  mkdirSync(dir, { recursive: true });
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    dir,
    '--appendonly',
    'yes',
    '--appendfsync',
    options.appendfsync ?? 'everysec',
    '--save',
    '',
    '--daemonize',
    'no',
    '--protected-mode',
    'yes',
    '--loglevel',
    'warning',
  ];
  let child;
  try {
    child = spawn('redis-server', args, { stdio: ['ignore', 'ignore', 'pipe'], detached: options.detached ?? false });
  } catch (error) {
    throw new Error(`could not start redis-server (${error.message}); run: npm run ensure-system`);
  }
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const spawnFailure = new Promise((_, reject) => {
    child.once('error', (error) =>
      reject(new Error(`could not start redis-server (${error.message}); run: npm run ensure-system`)),
    );
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${stderr.trim()}`)));
  });
  spawnFailure.catch(() => {});
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  await Promise.race([waitForPing(port, 10_000), spawnFailure]);

  const exited = new Promise((resolve) => child.once('exit', resolve));
  const kill = async (signal = 'SIGTERM') => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
    process.removeListener('exit', killOnExit);
  };
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    dir,
    pid: child.pid,
    kill,
    stop: async () => {
      await kill('SIGTERM');
      if (!options.keepDir && !options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
