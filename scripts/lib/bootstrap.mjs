// Brings a fresh clone to a runnable state using only Node built-ins (node_modules may not
// exist yet): checks Node, installs the Debian packages, installs npm dependencies when
// they are missing or stale, and computes Nx's project graph (lint's module boundaries need it).
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: repoRoot, stdio: 'inherit', ...options });
  return result.status ?? 1;
}

function checkNode() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19)) {
    console.error(`IRIS needs Node.js 20.19 or newer; this is ${process.version}.`);
    process.exit(1);
  }
}

function dependenciesAreCurrent() {
  const marker = path.join(repoRoot, 'node_modules/.package-lock.json');
  if (!existsSync(marker)) return false;
  return statSync(marker).mtimeMs >= statSync(path.join(repoRoot, 'package-lock.json')).mtimeMs;
}

function installDependencies() {
  console.log('IRIS: installing npm dependencies (npm ci)...');
  const status = run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error']);
  if (status !== 0) {
    console.error('IRIS: npm ci failed; see the messages above.');
    process.exit(status);
  }
}

export function bootstrap({ quiet = false } = {}) {
  checkNode();
  if (run('bash', [path.join(repoRoot, 'scripts/ensure-system-packages.sh')]) !== 0) process.exit(1);
  if (!dependenciesAreCurrent()) installDependencies();
  else if (!quiet) console.log('IRIS: npm dependencies are installed.');
  const graph = spawnSync('npx', ['nx', 'show', 'projects'], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
  });
  if (graph.status !== 0) {
    console.error(`IRIS: Nx could not read the workspace:\n${graph.stderr}`);
    process.exit(1);
  }
}
