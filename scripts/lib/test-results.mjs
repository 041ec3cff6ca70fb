// Reads what each step's runner reported: jest JSON files in .reports/, node:test's closing
// lines, promtool's per-file verdicts. A step with no test counts (lint, typecheck) counts
// as one check.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const JEST_REPORTS = {
  test: (project) => [`${project}-unit.json`],
  'test:integration': (project) => [`${project}-integration.json`],
  e2e: (project) => [`${project}-e2e.json`],
};

function fromJest(files) {
  let passed = 0;
  let failed = 0;
  let found = false;
  for (const file of files) {
    if (!existsSync(file)) continue;
    found = true;
    const report = JSON.parse(readFileSync(file, 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests + (report.numRuntimeErrorTestSuites ?? 0);
  }
  return found ? { passed, failed } : null;
}

// Nx prefixes each line with the project name ("@iris/dashboard: "), hence the optional prefix.
function fromNodeTest(output) {
  const pass = /^(?:\S+: )?ℹ pass (\d+)\s*$/m.exec(output);
  const fail = /^(?:\S+: )?ℹ fail (\d+)\s*$/m.exec(output);
  return pass ? { passed: Number(pass[1]), failed: Number(fail?.[1] ?? 0) } : null;
}

/** A runner of our own (promtool wrapper) closes with "N passed, N failed": take the last one. */
function fromSummaryLine(output) {
  const matches = [...output.matchAll(/(\d+) passed, (\d+) failed/g)];
  const last = matches.at(-1);
  return last ? { passed: Number(last[1]), failed: Number(last[2]) } : null;
}

export function countResults(result, reportsDir) {
  const files = result.project && JEST_REPORTS[result.target]?.(result.project).map((f) => path.join(reportsDir, f));
  const counts =
    (files && fromJest(files)) ??
    fromNodeTest(result.output) ??
    (result.target === 'lint' || result.target === 'typecheck' ? null : fromSummaryLine(result.output));
  if (counts) {
    if (counts.passed + counts.failed === 0 && result.code === 0) return { passed: 0, failed: 1, label: 'ran no test' };
    return { ...counts, label: `${counts.passed} passed, ${counts.failed} failed` };
  }
  return result.code === 0
    ? { passed: 1, failed: 0, label: 'check passed' }
    : { passed: 0, failed: 1, label: 'check failed' };
}
