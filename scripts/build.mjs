// Builds what runs: the TypeScript packages (tsc -b, in dependency order) and the dashboard.
import { spawnSync } from 'node:child_process';
import { repoRoot } from './lib/bootstrap.mjs';

export function build() {
  for (const [label, command, args] of [
    ['TypeScript packages', 'npx', ['tsc', '-b', 'tsconfig.json']],
    ['dashboard', 'npm', ['run', 'build', '-w', 'dashboard', '--if-present']],
  ]) {
    console.log(`IRIS: building ${label}...`);
    const result = spawnSync(command, args, { cwd: repoRoot, stdio: 'inherit' });
    if (result.status !== 0) {
      console.error(`IRIS: building ${label} failed.`);
      process.exit(result.status ?? 1);
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) build();
