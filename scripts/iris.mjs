// `npm run iris -- <command>`: the operators' command line (replay, rebuild, kpi).
// Builds the TypeScript packages if needed, then runs the server's CLI.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './lib/bootstrap.mjs';

const tsc = spawnSync('npx', ['tsc', '-b', 'server'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
if (tsc.status !== 0) {
  console.error('iris: the server does not compile; run `npx tsc -b server` to see why.');
  process.exit(1);
}
const cli = spawnSync(process.execPath, [path.join(repoRoot, 'server/dist/cli/main.js'), ...process.argv.slice(2)], {
  cwd: process.cwd(),
  stdio: 'inherit',
});
process.exit(cli.status ?? 1);
