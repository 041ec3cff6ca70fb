import {
  countersForOutcome,
  emptyCounters,
  figuresFromCounters,
  KPI_COUNTER_FIELDS,
  parisWallClockToEpoch,
  type QueueCallOutcome,
} from '@iris/shared';
import { CallTotalsReader } from './call-totals.reader.js';
import type { KpiFiguresSource } from './metrics-sources.js';

/** Given: outcomes at instants; figures summed per period, as the store's buckets do, and every query recorded. */
class Ledger implements KpiFiguresSource {
  readonly outcomes: Array<{ at: number; queue: string; outcome: QueueCallOutcome }> = [];
  readonly queries: Array<{ queue?: string; from: number; to: number }> = [];

  async figures(query: { queue?: string; from: number; to: number }) {
    this.queries.push(query);
    const sum = emptyCounters();
    for (const { at, queue, outcome } of this.outcomes) {
      if (at < query.from || at >= query.to || (query.queue !== undefined && query.queue !== queue)) continue;
      const add = countersForOutcome(outcome);
      for (const field of KPI_COUNTER_FIELDS) sum[field] += add[field] ?? 0;
    }
    return figuresFromCounters(sum);
  }

  async firstActivityAt() {
    return this.outcomes.length === 0 ? null : Math.min(...this.outcomes.map((o) => o.at));
  }
}

const paris = (month: number, day: number, hour: number, minute = 0) =>
  parisWallClockToEpoch(2026, month, day, hour, minute);
const answered: QueueCallOutcome = { kind: 'answered', waitSeconds: 10, serviceLevelSeconds: 20 };
const abandoned: QueueCallOutcome = { kind: 'abandoned', waitSeconds: 40 };

async function read(reader: CallTotalsReader, queue: string | null, now: number) {
  return reader.totals(queue, now, await reader.origin(now));
}

describe('cumulative call counters from the stored buckets', () => {
  it('counts every call since the first activity, across days and the spring clock change, each once', async () => {
    const ledger = new Ledger();
    // First activity on Friday 27 March 2026; Paris moves to summer time on Sunday 29 March.
    ledger.outcomes.push(
      { at: paris(3, 27, 9), queue: 'accueil', outcome: answered },
      { at: paris(3, 28, 23, 30), queue: 'accueil', outcome: abandoned },
      { at: paris(3, 29, 3), queue: 'etat-civil', outcome: answered },
      { at: paris(3, 30, 10), queue: 'accueil', outcome: answered },
      { at: paris(3, 31, 8, 45), queue: 'accueil', outcome: answered },
    );
    const reader = new CallTotalsReader(ledger);
    const now = paris(3, 31, 9);
    expect(await read(reader, null, now)).toMatchObject({ answered: 4, abandoned: 1 });
    expect(await read(reader, 'accueil', now)).toMatchObject({ answered: 3, abandoned: 1 });
    expect(await read(reader, 'etat-civil', now)).toMatchObject({ answered: 1, abandoned: 0 });
  });

  it('goes up by exactly the new calls as time passes, days settle, and late events land in yesterday', async () => {
    const ledger = new Ledger();
    ledger.outcomes.push({ at: paris(1, 5, 10), queue: 'accueil', outcome: answered });
    const reader = new CallTotalsReader(ledger);
    let previous = (await read(reader, null, paris(1, 12, 10))).answered;
    expect(previous).toBe(1);
    for (let day = 12; day <= 20; day += 1) {
      ledger.outcomes.push({ at: paris(1, day, 11), queue: 'accueil', outcome: answered });
      const late = { at: paris(1, day - 1, 17, 59), queue: 'accueil', outcome: answered };
      const now = paris(1, day, 12);
      const counted = (await read(reader, null, now)).answered;
      expect(counted).toBe(previous + 1);
      // Logged after the fact into yesterday: still counted, once.
      ledger.outcomes.push(late);
      expect((await read(reader, null, now + 60_000)).answered).toBe(previous + 2);
      previous += 2;
    }
  });

  it('reads the long past once, then only a few buckets per scrape', async () => {
    const ledger = new Ledger();
    ledger.outcomes.push({ at: parisWallClockToEpoch(2021, 6, 1, 10), queue: 'accueil', outcome: answered });
    const reader = new CallTotalsReader(ledger);
    await read(reader, 'accueil', paris(6, 1, 10));
    const firstScrape = ledger.queries.length;
    await read(reader, 'accueil', paris(6, 1, 10, 1));
    await read(reader, 'accueil', paris(6, 2, 10));
    // Each later scrape: the last two days and today; a settled day is added once.
    expect(ledger.queries.length - firstScrape).toBeLessThanOrEqual(2 * 2 + 1);
    expect(ledger.queries.slice(firstScrape).every((q) => q.to - q.from <= 3 * 86_400_000)).toBe(true);
  });

  it('counts nothing when the store is empty, and then the first call', async () => {
    const ledger = new Ledger();
    const reader = new CallTotalsReader(ledger);
    expect(await read(reader, null, paris(2, 2, 9))).toEqual({
      answered: 0,
      abandoned: 0,
      shortAbandoned: 0,
      timedOut: 0,
      exited: 0,
      answeredWithinServiceLevel: 0,
    });
    ledger.outcomes.push({ at: paris(2, 2, 9, 30), queue: 'accueil', outcome: answered });
    expect(await read(reader, null, paris(2, 2, 9, 31))).toMatchObject({ answered: 1, answeredWithinServiceLevel: 1 });
  });
});
