import {
  analyseText,
  crossValidate,
  evaluateQualifier,
  suggestCategory,
  trainQualifier,
  type LabelledRequest,
  type QualificationAccuracy,
  type ServiceCatalogue,
} from '@iris/shared';

/** Time per request of the suggestion, against the tokenising it starts with (a floor in the same run). */
export interface SuggestionTiming {
  readonly requests: number;
  readonly meanMs: number;
  readonly p99Ms: number;
  /** Tokenising alone (analyseText), the cheapest part of a suggestion. */
  readonly floorMeanMs: number;
  /** Building the qualifier as the server does (rules, classifier, calibration folds). */
  readonly trainingMs: number;
}

export interface RoutingEvaluation {
  readonly threshold: number;
  /** 5-fold cross-validation on the development data (labelled + development requests). */
  readonly crossValidation: QualificationAccuracy;
  /** Trained on all development data as shipped, measured on the held-out set; null when skipped. */
  readonly heldOut: QualificationAccuracy | null;
  readonly timing: SuggestionTiming;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? 0;
}

/**
 * The routing figures: cross-validation on the development data, then the shipped qualifier
 * on the held-out set (aggregates only: the held-out set measures, it never tunes).
 * Timing is measured on the held-out texts when given, else on the development texts.
 */
export function evaluateRouting(
  catalogue: ServiceCatalogue,
  development: readonly LabelledRequest[],
  heldOut: readonly LabelledRequest[] | null,
  threshold: number,
): RoutingEvaluation {
  const crossValidation = crossValidate(catalogue, development, 5, threshold);
  const started = performance.now();
  const qualifier = trainQualifier(catalogue, development);
  const trainingMs = performance.now() - started;
  const texts = (heldOut ?? development).map((r) => r.text);
  // Warm the stem cache and the JIT as a running server would be, then time each request.
  for (const text of texts.slice(0, 50)) suggestCategory(qualifier, text);
  const times: number[] = [];
  for (const text of texts) {
    const t0 = performance.now();
    suggestCategory(qualifier, text);
    times.push(performance.now() - t0);
  }
  const floorStart = performance.now();
  for (const text of texts) analyseText(text);
  const floorMeanMs = (performance.now() - floorStart) / texts.length;
  times.sort((a, b) => a - b);
  return {
    threshold,
    crossValidation,
    heldOut: heldOut ? evaluateQualifier(qualifier, catalogue, heldOut, threshold) : null,
    timing: {
      requests: texts.length,
      meanMs: times.reduce((s, t) => s + t, 0) / times.length,
      p99Ms: percentile(times, 0.99),
      floorMeanMs,
      trainingMs,
    },
  };
}

const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;

/** The figures as the Markdown section of BENCHMARKS.md ("Routing accuracy"). */
export function routingEvaluationMarkdown(
  evaluation: RoutingEvaluation,
  sizes: { labelled: number; development: number; heldOut: number },
  context: string,
): string {
  const columns: Array<[string, QualificationAccuracy | null]> = [
    [`cross-validation, development data (${sizes.labelled + sizes.development})`, evaluation.crossValidation],
    [`held-out set (${sizes.heldOut})`, evaluation.heldOut],
  ];
  const shown = columns.filter((c): c is [string, QualificationAccuracy] => c[1] !== null);
  const row = (label: string, value: (a: QualificationAccuracy) => string) =>
    `| ${label} | ${shown.map(([, a]) => value(a)).join(' | ')} |`;
  const lines = [
    context,
    '',
    `| measure (auto-routing threshold ${evaluation.threshold}) | ${shown.map(([name]) => name).join(' | ')} |`,
    `|---|${shown.map(() => '---:').join('|')}|`,
    row('right category', (a) => pct(a.categoryAccuracy)),
    row('right service', (a) => pct(a.serviceAccuracy)),
    row('routed at once (confidence ≥ threshold)', (a) => pct(a.autoRoutedShare)),
    row('right service when routed at once', (a) => pct(a.autoRoutedServiceAccuracy)),
    row('right category when routed at once', (a) => pct(a.autoRoutedCategoryAccuracy)),
    row('right category among suggestion + 3 alternatives', (a) => pct(a.pickListAccuracy)),
    row('calibration error (mean gap between confidence and accuracy)', (a) => a.calibrationError.toFixed(3)),
    '',
    'Reliability (the confidence is calibrated: in each bin, the share of right categories should be close to the mean confidence):',
    '',
    `| confidence bin | ${shown.map(([name]) => `${name}: requests, mean confidence → right`).join(' | ')} |`,
    `|---|${shown.map(() => '---:').join('|')}|`,
  ];
  const bins = [0, 0.2, 0.4, 0.6, 0.8, 0.9, 0.95];
  for (const from of bins) {
    const cells = shown.map(([, a]) => {
      const bin = a.reliability.find((b) => b.from === from);
      return bin ? `${bin.count}, ${pct(bin.meanConfidence)} → ${pct(bin.accuracy)}` : '–';
    });
    const to = bins[bins.indexOf(from) + 1] ?? 1;
    lines.push(`| ${from.toFixed(2)}–${to.toFixed(2)} | ${cells.join(' | ')} |`);
  }
  const t = evaluation.timing;
  lines.push(
    '',
    `Time per suggestion (${t.requests} requests, one process): mean ${t.meanMs.toFixed(3)} ms, p99 ${t.p99Ms.toFixed(3)} ms; ` +
      `tokenising alone (the floor, same run) ${t.floorMeanMs.toFixed(3)} ms, so a suggestion costs ${(t.meanMs / t.floorMeanMs).toFixed(1)}× its tokenising. ` +
      `Building the qualifier (rules, classifier and calibration folds, as the server does on a catalogue or training change): ${t.trainingMs.toFixed(0)} ms.`,
  );
  return lines.join('\n');
}
