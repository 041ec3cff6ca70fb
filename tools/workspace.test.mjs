// Workspace-level checks that no package owns: module boundaries really fail lint, and the
// system-package script says exactly what to install when it cannot install it.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Nx caches its project graph (file imports included): recompute it so a probe file leaves nothing behind. */
function refreshProjectGraph() {
  spawnSync('npx', ['nx', 'show', 'projects'], { cwd: root, env: { ...process.env, NX_DAEMON: 'false' } });
}

test('a dashboard file importing server code fails lint (Nx module boundaries)', () => {
  // The boundary rule reads Nx's cached project graph and skips silently without one: build it.
  spawnSync('npx', ['nx', 'show', 'projects'], { cwd: root, env: { ...process.env, NX_DAEMON: 'false' } });
  const probe = path.join(root, 'dashboard/src', `boundary-probe-${process.pid}.ts`);
  mkdirSync(path.dirname(probe), { recursive: true });
  writeFileSync(probe, "import { AppModule } from '@iris/server';\nexport const probe = AppModule;\n");
  try {
    const lint = spawnSync('npx', ['eslint', '--no-warn-ignored', probe], { cwd: root, encoding: 'utf8' });
    assert.equal(lint.status, 1, lint.stdout + lint.stderr);
    assert.match(
      lint.stdout,
      /A project tagged with "scope:dashboard" can only depend on libs tagged with "scope:shared"/,
    );
  } finally {
    rmSync(probe, { force: true });
    refreshProjectGraph();
  }
});

test('telephony may import shared (the allowed direction passes lint)', () => {
  const probe = path.join(root, 'telephony/src', `boundary-probe-${process.pid}.ts`);
  writeFileSync(probe, "import { AGENT_MODES } from '@iris/shared';\nexport const probe = AGENT_MODES;\n");
  try {
    const lint = spawnSync('npx', ['eslint', '--no-warn-ignored', probe], { cwd: root, encoding: 'utf8' });
    assert.equal(lint.status, 0, lint.stdout + lint.stderr);
  } finally {
    rmSync(probe, { force: true });
    refreshProjectGraph();
  }
});

test('without root, the system-package script names the exact apt-get command and fails', () => {
  const bin = mkdtempSync(path.join(os.tmpdir(), 'iris-fake-bin-'));
  try {
    // A PATH with none of the packages' binaries and an `id` that says we are not root.
    writeFileSync(path.join(bin, 'id'), '#!/bin/sh\necho 1000\n');
    chmodSync(path.join(bin, 'id'), 0o755);
    const result = spawnSync('/bin/bash', [path.join(root, 'scripts/ensure-system-packages.sh')], {
      env: { PATH: bin },
      encoding: 'utf8',
    });
    assert.equal(result.status, 1);
    assert.match(result.stderr, /sudo apt-get update && sudo apt-get install -y redis-server prometheus chromium/);
  } finally {
    rmSync(bin, { recursive: true, force: true });
  }
});

test('with every package present, the system-package script is silent and succeeds', () => {
  const result = spawnSync('bash', [path.join(root, 'scripts/ensure-system-packages.sh')], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  assert.equal(result.stdout, '');
});

test('no tracked file reads the shared kit beside the repository (a clone alone must pass npm test)', () => {
  // The captures are vendored under fixtures/. The only ../shared paths allowed are the
  // workspace's own package: its src folder, and tsconfig references to that project.
  const files = spawnSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' })
    .stdout.split('\0')
    .filter(Boolean);
  const outside = /\.\.\/shared\/(?!src\/)/;
  const offenders = [];
  for (const file of files) {
    if (!/\.(?:[cm]?[jt]s|svelte|json|ya?ml|sh)$/.test(file) || file === 'package-lock.json') continue;
    readFileSync(path.join(root, file), 'utf8')
      .split('\n')
      .forEach((line, index) => {
        if (outside.test(line)) offenders.push(`${file}:${index + 1}: ${line.trim()}`);
      });
  }
  assert.deepEqual(offenders, []);
});

test('a package importing a dependency it does not declare fails lint (@nx/dependency-checks)', () => {
  const probe = path.join(root, 'telephony/src', `dependency-probe-${process.pid}.ts`);
  writeFileSync(probe, "import { z } from 'zod';\nexport const probe = z.string();\n");
  try {
    refreshProjectGraph();
    const lint = spawnSync('npx', ['eslint', 'package.json'], { cwd: path.join(root, 'telephony'), encoding: 'utf8' });
    assert.equal(lint.status, 1, lint.stdout + lint.stderr);
    assert.match(lint.stdout, /missing from "dependencies":\s+- zod/);
  } finally {
    rmSync(probe, { force: true });
    refreshProjectGraph();
  }
});
