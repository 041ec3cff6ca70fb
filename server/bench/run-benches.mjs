// `npm run bench -w server`: runs every server/bench/*.bench.mjs in turn (each writes its own
// *-RESULTS.md). Expects the packages built (the workspace `npm run bench` builds first).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

const here = import.meta.dirname;
const only = process.argv.slice(2);
let failed = 0;
for (const file of readdirSync(here)
  .filter((name) => name.endsWith('.bench.mjs'))
  .sort()) {
  if (only.length > 0 && !only.some((word) => file.includes(word))) continue;
  console.log(`\n--- ${file} ---`);
  const result = spawnSync(process.execPath, ['--expose-gc', path.join(here, file)], { stdio: 'inherit' });
  if (result.status !== 0) {
    failed += 1;
    console.error(`${file} failed with ${result.status ?? result.signal}`);
  }
}
process.exit(failed > 0 ? 1 : 0);
