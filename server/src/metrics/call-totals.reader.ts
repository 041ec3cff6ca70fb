import { parisStartOfDay, type KpiFigures } from '@iris/shared';
import type { KpiFiguresSource } from './metrics-sources.js';

/**
 * Cumulative call counts, as Prometheus counters need them, computed from the store's KPI
 * buckets, so every replica serves the same value and nothing doubles when several are
 * scraped. A counter is the figure of the period [origin, now), where the origin is the
 * Paris day of the first queue activity the store knows (fixed: it can only move earlier,
 * which only adds calls). Read as three parts:
 * - settled days, [origin, two days ago): read once per process from day buckets (one per
 *   day since the origin), then extended by a day when a day settles;
 * - the last two closed days, re-read at every scrape (two day buckets), so a call whose
 *   outcome is logged late into yesterday still counts;
 * - today, from hour and minute buckets.
 * A late event older than two days shows only after a restart; a backfill of old days or a
 * rebuild that changes history shows as one jump.
 */

export interface CallTotals {
  readonly answered: number;
  readonly abandoned: number;
  readonly shortAbandoned: number;
  readonly timedOut: number;
  readonly exited: number;
  readonly answeredWithinServiceLevel: number;
}

/** A scope key: a queue name, or null for the whole front office. */
type Scope = string | null;

interface Settled {
  readonly origin: number;
  /** Exclusive end: a Paris midnight. */
  readonly until: number;
  readonly totals: CallTotals;
}

const DAY_MS = 86_400_000;
const RECENT_DAYS = 2;

export class CallTotalsReader {
  private readonly settled = new Map<Scope, Settled>();

  constructor(private readonly source: KpiFiguresSource) {}

  /** The counters' origin: the Paris day of the first activity, or today when the store is empty. */
  async origin(now: number): Promise<number> {
    const first = (await this.source.firstActivityAt?.()) ?? null;
    return parisStartOfDay(first === null ? now : Math.min(first, now));
  }

  async totals(queue: Scope, now: number, origin: number): Promise<CallTotals> {
    const midnight = parisStartOfDay(now);
    let recentStart = midnight;
    for (let i = 0; i < RECENT_DAYS; i += 1) recentStart = parisStartOfDay(recentStart - DAY_MS / 2);
    recentStart = Math.max(recentStart, origin);
    const [settled, recent, today] = await Promise.all([
      this.settledTotals(queue, origin, recentStart),
      recentStart < midnight ? this.figures(queue, recentStart, midnight).then(totalsOf) : zero(),
      this.figures(queue, midnight, now).then(totalsOf),
    ]);
    return sum(sum(settled, recent), today);
  }

  private async settledTotals(queue: Scope, origin: number, until: number): Promise<CallTotals> {
    const known = this.settled.get(queue);
    let settled: Settled;
    if (known && known.origin === origin && known.until <= until) {
      settled =
        known.until === until
          ? known
          : { origin, until, totals: sum(known.totals, totalsOf(await this.figures(queue, known.until, until))) };
    } else {
      settled = { origin, until, totals: origin < until ? totalsOf(await this.figures(queue, origin, until)) : zero() };
    }
    this.settled.set(queue, settled);
    return settled.totals;
  }

  private figures(queue: Scope, from: number, to: number): Promise<KpiFigures> {
    return this.source.figures(queue === null ? { from, to } : { queue, from, to });
  }
}

const TOTAL_FIELDS = [
  'answered',
  'abandoned',
  'shortAbandoned',
  'timedOut',
  'exited',
  'answeredWithinServiceLevel',
] as const;

function totalsOf(f: KpiFigures): CallTotals {
  return fromFields((field) => f[field]);
}

function zero(): CallTotals {
  return fromFields(() => 0);
}

function sum(a: CallTotals, b: CallTotals): CallTotals {
  return fromFields((field) => a[field] + b[field]);
}

function fromFields(value: (field: (typeof TOTAL_FIELDS)[number]) => number): CallTotals {
  const totals = {} as Record<(typeof TOTAL_FIELDS)[number], number>;
  for (const field of TOTAL_FIELDS) totals[field] = value(field);
  return totals;
}
