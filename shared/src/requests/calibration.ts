/**
 * Confidence calibration: turns a classifier's raw score into the probability of being right,
 * learnt from (score, right?) pairs that the classifier produced on requests it was not
 * trained on. Isotonic regression (pool adjacent violators): the only assumption is that a
 * higher score never means a lower chance of being right.
 */
export interface Calibration {
  /** Raw scores at the centre of each pooled block, increasing. */
  readonly scores: readonly number[];
  /** Share right in each block (non-decreasing). */
  readonly rates: readonly number[];
}

/** The identity: used before any pair is known (a fresh catalogue without requests). */
export const UNCALIBRATED: Calibration = { scores: [0, 1], rates: [0, 1] };

export interface ScoredOutcome {
  readonly score: number;
  readonly right: boolean;
}

/**
 * Fits the isotonic map. `prior` pseudo-outcomes pull each block toward the overall rate, so
 * that a block of three lucky requests does not claim certainty.
 */
export function fitIsotonic(outcomes: readonly ScoredOutcome[], prior = 2): Calibration {
  if (outcomes.length === 0) return UNCALIBRATED;
  const sorted = [...outcomes].sort((a, b) => a.score - b.score);
  const overall = sorted.filter((o) => o.right).length / sorted.length;
  const blocks: Array<{ weight: number; right: number; scoreSum: number }> = [];
  for (const o of sorted) {
    blocks.push({ weight: 1, right: o.right ? 1 : 0, scoreSum: o.score });
    while (blocks.length > 1) {
      const last = blocks[blocks.length - 1]!;
      const before = blocks[blocks.length - 2]!;
      if (before.right / before.weight < last.right / last.weight) break;
      blocks.splice(-2, 2, {
        weight: before.weight + last.weight,
        right: before.right + last.right,
        scoreSum: before.scoreSum + last.scoreSum,
      });
    }
  }
  const scores = blocks.map((b) => b.scoreSum / b.weight);
  const rates = blocks.map((b) => (b.right + prior * overall) / (b.weight + prior));
  // The prior may break monotony between a small block and a big one: restore it.
  for (let i = 1; i < rates.length; i++) rates[i] = Math.max(rates[i]!, rates[i - 1]!);
  return { scores, rates };
}

/** The calibrated probability of a raw score: linear between block centres, flat beyond. */
export function calibrate(calibration: Calibration, score: number): number {
  const { scores, rates } = calibration;
  if (scores.length === 0) return score;
  if (score <= scores[0]!) return rates[0]!;
  const last = scores.length - 1;
  if (score >= scores[last]!) return rates[last]!;
  let lo = 0;
  let hi = last;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (scores[mid]! <= score) lo = mid;
    else hi = mid;
  }
  const span = scores[hi]! - scores[lo]!;
  const t = span === 0 ? 1 : (score - scores[lo]!) / span;
  return rates[lo]! + t * (rates[hi]! - rates[lo]!);
}

export interface ReliabilityBin {
  /** Confidence range [from, to). */
  readonly from: number;
  readonly to: number;
  readonly count: number;
  /** Mean stated confidence in the bin. */
  readonly meanConfidence: number;
  /** Share actually right in the bin. */
  readonly accuracy: number;
}

/** Stated confidence against observed accuracy, per bin (empty bins left out). */
export function reliabilityTable(
  outcomes: readonly ScoredOutcome[],
  edges: readonly number[] = [0, 0.2, 0.4, 0.6, 0.8, 0.9, 0.95, 1.000001],
): ReliabilityBin[] {
  const bins: ReliabilityBin[] = [];
  for (let i = 0; i + 1 < edges.length; i++) {
    const from = edges[i]!;
    const to = edges[i + 1]!;
    const inside = outcomes.filter((o) => o.score >= from && o.score < to);
    if (inside.length === 0) continue;
    bins.push({
      from,
      to: Math.min(to, 1),
      count: inside.length,
      meanConfidence: inside.reduce((s, o) => s + o.score, 0) / inside.length,
      accuracy: inside.filter((o) => o.right).length / inside.length,
    });
  }
  return bins;
}
