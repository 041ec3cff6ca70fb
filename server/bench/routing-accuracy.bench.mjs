// Routing accuracy: cross-validation on the development data (labelled + development
// requests) and the shipped qualifier on the held-out set written apart from the catalogue's
// keywords, with reliability per confidence bin and the time per suggestion against the
// tokenising floor measured in the same run. Writes server/bench/ROUTING-RESULTS.md.
// Run: `npx tsc -b server && node server/bench/routing-accuracy.bench.mjs` (or `npm run bench`).
// ROUTING_HELD_OUT=skip measures the development data only (what tuning may look at).
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CONFIG_VARIABLES } from '../dist/config/config-variables.js';
import { evaluateRouting, routingEvaluationMarkdown } from '../dist/routing/routing-evaluation.js';

const here = import.meta.dirname;
const data = (file) => JSON.parse(readFileSync(path.join(here, '../data', file), 'utf8'));
const catalogue = data('services-catalogue.json');
const labelled = data('labelled-requests.json').requests;
const development = data('development-requests.json').requests;
const skipHeldOut = process.env.ROUTING_HELD_OUT === 'skip';
const heldOut = skipHeldOut ? null : data('held-out-requests.json').requests;
// The server's own default threshold, unless ROUTING_AUTO_THRESHOLD says otherwise (as for the server).
const threshold = Number(process.env.ROUTING_AUTO_THRESHOLD ?? CONFIG_VARIABLES.routingAutoThreshold.default);

const evaluation = evaluateRouting(catalogue, [...labelled, ...development], heldOut, threshold);
const context =
  `Measured by \`node server/bench/routing-accuracy.bench.mjs\` (part of \`npm run bench -w server\`) on ` +
  `${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, Node ${process.version}. ` +
  `Development data: ${labelled.length} requests written with the catalogue (server/data/labelled-requests.json) and ` +
  `${development.length} written apart from its keywords for tuning (development-requests.json). ` +
  `Held-out set: ${heldOut?.length ?? 0} requests written by an independent writer who never saw the keywords ` +
  `(held-out-requests.json, frozen before tuning, never trained or tuned on). Cross-validation rebuilds everything ` +
  `inside each fold (keyword reliabilities, classifier, calibration) from the training part only; the held-out ` +
  `column is the qualifier the server builds from the development data.`;
const markdown = routingEvaluationMarkdown(
  evaluation,
  { labelled: labelled.length, development: development.length, heldOut: heldOut?.length ?? 0 },
  context,
);
console.log(markdown);
if (!skipHeldOut) writeFileSync(path.join(here, 'ROUTING-RESULTS.md'), `${markdown}\n`);
