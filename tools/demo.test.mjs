// `npm run demo` as a newcomer runs it: it prints a URL that serves the dashboard, the
// server behind it is ready, and Ctrl-C (SIGINT to the whole foreground process group)
// stops every process it started.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { freePort } from './redis-server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function descendants(pid) {
  let children = [];
  try {
    children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .map((line) => Number(line.trim()))
      .filter(Boolean);
  } catch {
    return [];
  }
  return children.flatMap((child) => [child, ...descendants(child)]);
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

test('npm run demo serves the dashboard and Ctrl-C leaves no process behind', { timeout: 240_000 }, async () => {
  const port = await freePort();
  const demoDir = mkdtempSync(path.join(os.tmpdir(), 'iris-demo-test-'));
  const env = { ...process.env, PORT: String(port), IRIS_DEMO_DIR: demoDir, SMTP_PORT: String(await freePort()) };
  delete env.REDIS_URL; // the demo's own private redis-server and AMI simulator
  delete env.AMI_HOST;
  const demo = spawn('npm', ['run', 'demo'], {
    cwd: root,
    env,
    detached: true, // its own process group, like a terminal's foreground job
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise((resolve) => demo.once('exit', resolve));
  try {
    let output = '';
    const url = await new Promise((resolve, reject) => {
      demo.stdout.on('data', (chunk) => {
        output += chunk;
        const match = /IRIS is running: (http:\/\/\S+)[\s\S]*Press Ctrl-C/.exec(output);
        if (match) resolve(match[1]);
      });
      demo.stderr.on('data', (chunk) => (output += chunk));
      demo.once('exit', (code) => reject(new Error(`demo exited (${code}) before printing its URL:\n${output}`)));
    });
    assert.equal(url, `http://127.0.0.1:${port}/`);
    assert.match(output, /claire\.martin\s+iris-demo\s+supervisor/, 'the demo logins are printed');

    const page = await fetch(url);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<html[^>]*lang="fr"/);
    const live = await fetch(new URL('/health/live', url));
    assert.equal(live.status, 200);

    const started = descendants(demo.pid);
    assert.ok(started.length >= 4, `demo started its processes (npm, launcher, redis, simulator, server): ${started}`);
    process.kill(-demo.pid, 'SIGINT');
    await exited;
    // Give the killed processes a moment to be reaped before asking the kernel.
    for (let i = 0; i < 50 && started.some(isAlive); i++) await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(started.filter(isAlive), [], 'every process the demo started has stopped');
  } finally {
    try {
      process.kill(-demo.pid, 'SIGKILL');
    } catch {}
    rmSync(demoDir, { recursive: true, force: true });
  }
});
