// `npm run bench`: every package's benchmarks, then BENCHMARKS.md assembled from their
// results with the machine and the date. Benchmarks report ratios against a baseline
// measured in the same run, never absolute pass/fail thresholds.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bootstrap, repoRoot } from './lib/bootstrap.mjs';
import { build } from './build.mjs';

const SECTIONS = [
  ['telephony', 'AMI bridge throughput', 'telephony/bench/RESULTS.md'],
  ['server', 'Event store and projections', 'server/bench/STORE-RESULTS.md'],
  ['server', 'Live feed latency', 'server/bench/LIVE-RESULTS.md'],
  ['server', 'Routing accuracy', 'server/bench/ROUTING-RESULTS.md'],
  ['dashboard', 'Dashboard bundle, paint and heap', 'dashboard/bench/RESULTS.md'],
];

bootstrap({ quiet: true });
build();
const only = process.argv.slice(2);
for (const project of [...new Set(SECTIONS.map(([p]) => p))]) {
  if (only.length > 0 && !only.includes(project)) continue;
  console.log(`\n=== bench: ${project} ===`);
  const result = spawnSync('npm', ['run', 'bench', '-w', project, '--if-present'], { cwd: repoRoot, stdio: 'inherit' });
  if (result.status !== 0) console.error(`bench ${project} failed with ${result.status}`);
}

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const lines = [
  '# IRIS benchmarks',
  '',
  `Produced by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} × ${cpu}, ` +
    `${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.type()} ${os.release()}.`,
  'Each figure is compared with a baseline measured in the same run on the same machine; absolute numbers vary',
  'with load (these machines are shared), ratios much less.',
  '',
];
for (const [, title, file] of SECTIONS) {
  const full = path.join(repoRoot, file);
  lines.push(`## ${title}`, '');
  lines.push(
    existsSync(full) ? readFileSync(full, 'utf8').trim() : `_Not measured in this run (${file} missing)._`,
    '',
  );
}
writeFileSync(path.join(repoRoot, 'BENCHMARKS.md'), lines.join('\n'));
console.log('\nIRIS: wrote BENCHMARKS.md');
