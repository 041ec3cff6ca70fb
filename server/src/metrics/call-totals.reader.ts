import { parisStartOfDay, parisWallClockToEpoch, type KpiFigures } from '@iris/shared';
import type { KpiFiguresSource } from './metrics-sources.js';

/**
 * Cumulative call counts, as Prometheus counters need them, computed from the store's KPI
 * buckets (so every replica serves the same value and nothing doubles when several are
 * scraped). A counter is the figure of the period [COUNTED_SINCE, now): the closed Paris
 * days come from day buckets (cached, re-read every few minutes and at each new day, so a
 * late event counted into yesterday still shows), today from hour and minute buckets.
 */

/** The fixed start of every counter. Only increases matter to Prometheus, never the absolute value. */
export const COUNTED_SINCE = parisWallClockToEpoch(2000, 1, 1);
const CLOSED_DAYS_REFRESH_MS = 5 * 60_000;

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

interface ClosedDays {
  readonly until: number;
  readonly readAt: number;
  readonly totals: CallTotals;
}

export class CallTotalsReader {
  private readonly closedDays = new Map<Scope, ClosedDays>();

  constructor(private readonly source: KpiFiguresSource) {}

  async totals(queue: Scope, now: number): Promise<CallTotals> {
    const midnight = parisStartOfDay(now);
    const [closed, today] = await Promise.all([
      this.closedDaysTotals(queue, midnight, now),
      this.figures(queue, midnight, now),
    ]);
    return sum(closed, totalsOf(today));
  }

  private async closedDaysTotals(queue: Scope, midnight: number, now: number): Promise<CallTotals> {
    const cached = this.closedDays.get(queue);
    if (cached && cached.until === midnight && now - cached.readAt < CLOSED_DAYS_REFRESH_MS) return cached.totals;
    const totals = midnight > COUNTED_SINCE ? totalsOf(await this.figures(queue, COUNTED_SINCE, midnight)) : zero();
    this.closedDays.set(queue, { until: midnight, readAt: now, totals });
    return totals;
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
