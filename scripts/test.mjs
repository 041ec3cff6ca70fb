// `npm test`: everything CI checks, across every project, with one summary at the end.
// Bootstraps a fresh clone first (Debian packages, npm dependencies), then runs, per
// project, each Nx target it has: lint, typecheck, test, test:integration, e2e.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { bootstrap, repoRoot } from './lib/bootstrap.mjs';
import { countResults } from './lib/test-results.mjs';

const PROJECTS = ['shared', 'telephony', 'server', 'dashboard', 'prometheus'];
const TARGETS = ['lint', 'typecheck', 'test', 'test:integration', 'e2e'];
const STEP_TIMEOUT_MS = 15 * 60_000;

bootstrap({ quiet: true });
const reports = path.join(repoRoot, '.reports');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const steps = [
  { name: 'workspace:checks', command: 'node', args: ['--test', '--test-reporter=spec', 'tools/'] },
  // The house style is prettier's: one unformatted file fails the run (`npm run format` fixes it).
  { name: 'workspace:format', command: 'npx', args: ['prettier', '--check', '.'] },
];
for (const target of TARGETS) {
  for (const project of PROJECTS) {
    const scripts = JSON.parse(readFileSync(path.join(repoRoot, project, 'package.json'), 'utf8')).scripts ?? {};
    if (scripts[target]) {
      steps.push({
        name: `${project}:${target}`,
        command: 'npx',
        args: ['nx', 'run', `@iris/${project}:${target}`, '--outputStyle=stream', '--skipNxCache'],
        project,
        target,
      });
    }
  }
}

function runStep(step) {
  return new Promise((resolve) => {
    const started = Date.now();
    let output = '';
    const child = spawn(step.command, step.args, {
      cwd: repoRoot,
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', FORCE_COLOR: '0' },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const echo = (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    };
    child.stdout.on('data', echo);
    child.stderr.on('data', echo);
    const timer = setTimeout(() => {
      output += `\n[iris test] ${step.name} timed out after ${STEP_TIMEOUT_MS / 60_000} min\n`;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {}
    }, STEP_TIMEOUT_MS);
    child.on('close', (code) => {
      clearTimeout(timer);
      // Kill anything the step left behind in its process group (servers, browsers).
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {}
      resolve({ ...step, code: code ?? 1, seconds: (Date.now() - started) / 1000, output });
    });
  });
}

const results = [];
for (const step of steps) {
  console.log(`\n=== ${step.name} ===`);
  results.push(await runStep(step));
}

let passed = 0;
let failed = 0;
const rows = [];
for (const result of results) {
  const counts = countResults(result, reports);
  const ok = result.code === 0 && counts.failed === 0;
  passed += counts.passed;
  failed += counts.failed + (ok || counts.failed > 0 ? 0 : 1);
  rows.push([ok ? 'ok' : 'FAILED', result.name, counts.label, `${result.seconds.toFixed(1)} s`]);
}

const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
console.log('\n=== IRIS test summary ===');
for (const row of rows) console.log(row.map((cell, i) => cell.padEnd(widths[i])).join('  '));
const total = results.reduce((sum, r) => sum + r.seconds, 0);
console.log(`total time ${(total / 60).toFixed(1)} min`);
const artifacts = path.join(repoRoot, 'artifacts');
if (existsSync(artifacts))
  console.log(`screenshots and other artifacts: ${artifacts} (${readdirSync(artifacts).join(', ')})`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && results.every((r) => r.code === 0) ? 0 : 1);
