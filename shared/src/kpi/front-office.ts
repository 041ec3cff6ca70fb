/**
 * Front-office totals count each inbound call once (by Linkedid), answered if any queue
 * answered it, even when it passed through several queues (DESIGN.md). Per-queue figures
 * count queue calls; this module decides what the whole call counts as.
 *
 * Rule: the first queue outcome of a call counts; a later outcome replaces it only when
 * the earlier one was not an answer (timed out in A, then answered in B: answered; timed
 * out in A, then abandoned in B: abandoned, the caller's last word). An answer is never
 * replaced (answered in A, transferred to B and answered again: still one answered call).
 * The call counts in the bucket of the moment its front-office outcome became known.
 */
import type { KpiCounters, QueueCallOutcome } from './queue-kpis.js';
import { countersForOutcome, DEFAULT_SHORT_ABANDON_SECONDS } from './queue-kpis.js';

export interface FrontOfficeOutcome {
  readonly kind: QueueCallOutcome['kind'];
  /** When this outcome was known (epoch ms): the bucket it counts in. */
  readonly at: number;
  /** What it adds to the counters. */
  readonly counters: Partial<KpiCounters>;
}

export function frontOfficeOutcome(
  outcome: QueueCallOutcome,
  at: number,
  shortAbandonSeconds = DEFAULT_SHORT_ABANDON_SECONDS,
): FrontOfficeOutcome {
  return { kind: outcome.kind, at, counters: countersForOutcome(outcome, shortAbandonSeconds) };
}

/**
 * What changes in the front-office counters when a queue outcome of a call arrives.
 * `retract` must be subtracted from the buckets of its `at`, `count` added to its `at`'s.
 */
export interface FrontOfficeChange {
  readonly retract: FrontOfficeOutcome | null;
  readonly count: FrontOfficeOutcome | null;
  /** The outcome the call now counts as. */
  readonly current: FrontOfficeOutcome;
}

export function mergeFrontOfficeOutcome(
  previous: FrontOfficeOutcome | null,
  next: FrontOfficeOutcome,
): FrontOfficeChange {
  if (previous === null) return { retract: null, count: next, current: next };
  if (previous.kind === 'answered') return { retract: null, count: null, current: previous };
  return { retract: previous, count: next, current: next };
}

/** Counters with every field negated (to retract an outcome from a bucket). */
export function negateCounters(counters: Partial<KpiCounters>): Partial<KpiCounters> {
  const negated: Partial<KpiCounters> = {};
  for (const [field, value] of Object.entries(counters) as Array<[keyof KpiCounters, number]>) {
    if (value !== 0) negated[field] = -value;
  }
  return negated;
}
