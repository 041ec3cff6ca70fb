// `npm test -w prometheus`: promtool check config, then promtool test rules on each test
// file separately, so the summary can say which file passed or failed.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

const here = import.meta.dirname;
const promtool = process.env.PROMTOOL ?? 'promtool';

function run(args) {
  const result = spawnSync(promtool, args, { cwd: here, encoding: 'utf8' });
  if (result.error) throw new Error(`cannot run ${promtool}: ${result.error.message} (install Debian's prometheus package)`);
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  return result.status === 0;
}

const configOk = run(['check', 'config', 'prometheus.yml']);
const testFiles = readdirSync(path.join(here, 'tests')).filter((f) => f.endsWith('.test.yml')).sort();
const results = testFiles.map((file) => ({ file, ok: run(['test', 'rules', path.join('tests', file)]) }));

const passed = results.filter((r) => r.ok);
const failed = results.filter((r) => !r.ok);
for (const r of results) console.log(`${r.ok ? 'PASS' : 'FAIL'} prometheus/tests/${r.file}`);
console.log(
  `promtool: config ${configOk ? 'ok' : 'INVALID'}; rule test files: ${passed.length} passed, ${failed.length} failed, ${results.length} total`,
);
process.exit(configOk && failed.length === 0 && results.length > 0 ? 0 : 1);
