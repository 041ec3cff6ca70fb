// Rewrites the configuration table in README.md from the server's one table of variables
// (server/src/config/config-variables.ts), so the docs cannot drift from the code.
// A server unit test fails when the README is out of date.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { repoRoot } from './lib/bootstrap.mjs';

const build = spawnSync('npx', ['tsc', '-b', 'server'], { cwd: repoRoot, stdio: 'inherit' });
if (build.status !== 0) process.exit(1);
const { configVariablesMarkdown } = await import(path.join(repoRoot, 'server/dist/config/index.js'));
const readmePath = path.join(repoRoot, 'README.md');
const readme = readFileSync(readmePath, 'utf8');
const updated = readme.replace(
  /(<!-- config-table:start -->\n)[\s\S]*?(<!-- config-table:end -->)/,
  `$1${configVariablesMarkdown().trim()}\n$2`,
);
writeFileSync(readmePath, updated);
console.log(
  updated === readme ? 'README.md configuration table already up to date' : 'README.md configuration table updated',
);
