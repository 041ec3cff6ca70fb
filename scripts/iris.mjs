// `npm run iris -- <command>`: the operators' command line (replay, rebuild, kpi, project).
// Builds the TypeScript packages the CLI needs (tsc -b server: shared, telephony, server),
// then runs the server's CLI (server/dist/cli/main.js) with the remaining arguments.
// Use `npm run -s iris -- ...` when piping: npm's own header lines then stay out of stdout.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './lib/bootstrap.mjs';

const cliPath = path.join(repoRoot, 'server/dist/cli/main.js');
const tsc = spawnSync('npx', ['tsc', '-b', 'server'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
if (tsc.status !== 0) {
  // tsc -b still emits what compiles; a type error elsewhere in the server need not stop an operator.
  if (!existsSync(cliPath)) {
    console.error('iris: the server does not compile; run `npx tsc -b server` to see why.');
    process.exit(1);
  }
  console.error(
    'iris: warning: the server has type errors (run `npx tsc -b server` to see them); running the last build of the CLI.',
  );
}
const cli = spawnSync(process.execPath, [cliPath, ...process.argv.slice(2)], {
  cwd: process.cwd(),
  stdio: 'inherit',
});
process.exit(cli.status ?? 1);
