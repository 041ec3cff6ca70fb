// `npm test -w prometheus`: promtool check config, then promtool test rules on each test
// file separately, so the summary can say which file passed or failed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const here = import.meta.dirname;
const promtool = process.env.PROMTOOL ?? 'promtool';

function run(args) {
  const result = spawnSync(promtool, args, { cwd: here, encoding: 'utf8' });
  if (result.error)
    throw new Error(`cannot run ${promtool}: ${result.error.message} (install Debian's prometheus package)`);
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  return result.status === 0;
}

const configOk = run(['check', 'config', 'prometheus.yml']);
const testFiles = readdirSync(path.join(here, 'tests'))
  .filter((f) => f.endsWith('.test.yml'))
  .sort();
const results = testFiles.map((file) => ({ file, ok: run(['test', 'rules', path.join('tests', file)]) }));

// The Grafana dashboard's queries must at least parse: promtool checks them as recording rules.
function checkGrafanaQueries() {
  const dashboard = JSON.parse(readFileSync(path.join(here, 'grafana/iris.json'), 'utf8'));
  const queries = dashboard.panels.flatMap((panel) => panel.targets.map((target) => target.expr));
  const rules = queries
    .map((expr, i) => `      - record: grafana:query:${i}\n        expr: ${JSON.stringify(expr)}`)
    .join('\n');
  const dir = mkdtempSync(path.join(tmpdir(), 'iris-grafana-'));
  try {
    const file = path.join(dir, 'grafana.rules.yml');
    writeFileSync(file, `groups:\n  - name: grafana\n    rules:\n${rules}\n`);
    return queries.length > 0 && run(['check', 'rules', file]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
results.push({ file: '../grafana/iris.json (queries parse)', ok: checkGrafanaQueries() });

const passed = results.filter((r) => r.ok);
const failed = results.filter((r) => !r.ok);
for (const r of results) console.log(`${r.ok ? 'PASS' : 'FAIL'} ${path.normalize(`prometheus/tests/${r.file}`)}`);
console.log(
  `promtool: config ${configOk ? 'ok' : 'INVALID'}; rule test files and dashboard: ${passed.length} passed, ${failed.length} failed, ${results.length} total`,
);
process.exit(configOk && failed.length === 0 && results.length > 0 ? 0 : 1);
