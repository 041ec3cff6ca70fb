import {
  bucketsAt,
  dayBucket,
  expiredBuckets,
  HOUR_MS,
  liveWindows,
  MINUTE_MS,
  tilePeriod,
  type BucketRef,
} from './kpi-buckets.js';
import { parisWallClockToEpoch } from './paris-time.js';

const paris = parisWallClockToEpoch;

function expectExactTiling(tiles: BucketRef[], from: number, to: number): void {
  expect(tiles.length).toBeGreaterThan(0);
  expect(tiles[0]!.start).toBe(from);
  expect(tiles[tiles.length - 1]!.end).toBe(to);
  for (let i = 1; i < tiles.length; i++) expect(tiles[i]!.start).toBe(tiles[i - 1]!.end);
}

describe('KPI buckets', () => {
  it('counts an outcome in the minute, hour and Paris day of its instant', () => {
    const at = paris(2026, 6, 15, 10, 42) + 17_000;
    const [minute, hour, day] = bucketsAt(at);
    expect(minute).toMatchObject({
      granularity: 'minute',
      start: paris(2026, 6, 15, 10, 42),
      end: paris(2026, 6, 15, 10, 43),
    });
    expect(hour).toMatchObject({ granularity: 'hour', start: paris(2026, 6, 15, 10, 0) });
    expect(day).toMatchObject({
      granularity: 'day',
      id: '2026-06-15',
      start: paris(2026, 6, 15),
      end: paris(2026, 6, 16),
    });
  });

  it('puts a call that waited across midnight in the day its outcome is known', () => {
    const joined = paris(2026, 12, 31, 23, 59) + 50_000;
    const answered = joined + 40_000; // 00:00:30 on 1 January
    expect(bucketsAt(joined)[2].id).toBe('2026-12-31');
    expect(bucketsAt(answered)[2].id).toBe('2027-01-01');
    expect(bucketsAt(answered)[0].start).toBe(paris(2027, 1, 1, 0, 0));
  });

  describe('the two days Paris changes clocks', () => {
    it('spring forward (29 March 2026) is a 23-hour day bucket', () => {
      const day = dayBucket(paris(2026, 3, 29, 12, 0));
      expect(day.id).toBe('2026-03-29');
      expect(day.end - day.start).toBe(23 * HOUR_MS);
    });

    it('fall back (25 October 2026) is a 25-hour day bucket', () => {
      const day = dayBucket(paris(2026, 10, 25, 12, 0));
      expect(day.id).toBe('2026-10-25');
      expect(day.end - day.start).toBe(25 * HOUR_MS);
    });

    it('tiles those whole days with one day bucket each', () => {
      expect(tilePeriod(paris(2026, 3, 29), paris(2026, 3, 30))).toEqual([dayBucket(paris(2026, 3, 29, 5, 0))]);
      expect(tilePeriod(paris(2026, 10, 25), paris(2026, 10, 26))).toEqual([dayBucket(paris(2026, 10, 25, 5, 0))]);
    });

    it('"today" at noon spans 11 hours on the spring day and 13 on the autumn day', () => {
      const spring = liveWindows(paris(2026, 3, 29, 12, 0));
      expect(spring.today.from).toBe(paris(2026, 3, 29));
      const springTiles = tilePeriod(spring.today.from, spring.today.to);
      expect(springTiles.filter((t) => t.granularity === 'hour')).toHaveLength(11);
      expectExactTiling(springTiles, spring.today.from, spring.today.to);

      const autumn = liveWindows(paris(2026, 10, 25, 12, 0));
      expect(autumn.today.from).toBe(paris(2026, 10, 25));
      const autumnTiles = tilePeriod(autumn.today.from, autumn.today.to);
      expect(autumnTiles.filter((t) => t.granularity === 'hour')).toHaveLength(13);
      expectExactTiling(autumnTiles, autumn.today.from, autumn.today.to);
    });
  });

  describe('tiling a period with the coarsest buckets', () => {
    it('uses 365 day buckets for the seed year June to May', () => {
      const tiles = tilePeriod(paris(2005, 6, 1), paris(2006, 6, 1));
      expect(tiles).toHaveLength(365);
      expect(tiles.every((t) => t.granularity === 'day')).toBe(true);
      expect(tiles[0]!.id).toBe('2005-06-01');
      expect(tiles[364]!.id).toBe('2006-05-31');
    });

    it('uses minutes, then hours, then minutes for a ragged period inside one day', () => {
      const from = paris(2026, 6, 15, 8, 17);
      const to = paris(2026, 6, 15, 10, 45);
      const tiles = tilePeriod(from, to);
      expect(tiles.map((t) => t.granularity)).toEqual([
        ...Array(43).fill('minute'),
        'hour',
        ...Array(45).fill('minute'),
      ]);
      expectExactTiling(tiles, from, to);
    });

    it('uses hours around whole days for a period across several days', () => {
      const from = paris(2026, 6, 14, 22, 0);
      const to = paris(2026, 6, 17, 1, 30);
      const tiles = tilePeriod(from, to);
      expect(tiles.map((t) => t.granularity)).toEqual([
        'hour',
        'hour',
        'day',
        'day',
        'hour',
        ...Array(30).fill('minute'),
      ]);
      expectExactTiling(tiles, from, to);
    });

    it('covers any period exactly once, whatever its bounds (seeded random periods, DST days included)', () => {
      let seed = 7;
      const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
      const base = paris(2026, 3, 20);
      for (let i = 0; i < 300; i++) {
        const from = base + Math.floor((random() * 240 * HOUR_MS) / MINUTE_MS) * MINUTE_MS;
        const to = from + Math.floor((random() * 72 * HOUR_MS) / MINUTE_MS) * MINUTE_MS + MINUTE_MS;
        const tiles = tilePeriod(from, to);
        expectExactTiling(tiles, from, to);
        // Coarsest: never 60 minute buckets filling one whole hour, never 23+ hours filling a whole Paris day.
        const minutesPerHour = new Map<number, number>();
        for (const t of tiles.filter((t) => t.granularity === 'minute')) {
          const hour = Math.floor(t.start / HOUR_MS);
          minutesPerHour.set(hour, (minutesPerHour.get(hour) ?? 0) + 1);
        }
        expect([...minutesPerHour.values()].every((n) => n < 60)).toBe(true);
        const hoursPerDay = new Map<string, number>();
        for (const t of tiles.filter((t) => t.granularity === 'hour'))
          hoursPerDay.set(dayBucket(t.start).id, (hoursPerDay.get(dayBucket(t.start).id) ?? 0) + 1);
        for (const [day, hours] of hoursPerDay) {
          const d = tiles.find((t) => t.granularity === 'hour' && dayBucket(t.start).id === day)!;
          const whole = dayBucket(d.start);
          expect(hours).toBeLessThan((whole.end - whole.start) / HOUR_MS);
        }
      }
    });

    it('resolves a period to whole minutes and refuses one that ends before it starts', () => {
      const from = paris(2026, 6, 15, 9, 0) + 12_345;
      const tiles = tilePeriod(from, from + 30_000);
      expect(tiles.map((t) => t.start)).toEqual([paris(2026, 6, 15, 9, 0)]);
      expect(() => tilePeriod(from, from - 1)).toThrow(/ends before it starts/);
      expect(() => tilePeriod(Number.NaN, from)).toThrow(/finite/);
    });
  });

  it('live windows are the last 15 and 60 minute buckets and today since Paris midnight', () => {
    const now = paris(2026, 6, 15, 10, 7) + 30_000;
    const w = liveWindows(now);
    expect(tilePeriod(w.last15m.from, w.last15m.to)).toHaveLength(15);
    expect(w.last15m.to).toBe(paris(2026, 6, 15, 10, 8));
    expect(w.lastHour.from).toBe(paris(2026, 6, 15, 9, 8));
    expect(w.today).toEqual({ from: paris(2026, 6, 15), to: paris(2026, 6, 15, 10, 8) });
  });

  it('tells which buckets of a tiling are no longer kept', () => {
    const now = paris(2026, 6, 15, 12, 0);
    const old = tilePeriod(paris(2026, 6, 12, 8, 30), paris(2026, 6, 12, 10, 0));
    expect(expiredBuckets(old, now).map((t) => t.granularity)).toEqual(Array(30).fill('minute'));
    expect(expiredBuckets(tilePeriod(paris(2026, 6, 12, 8, 0), paris(2026, 6, 12, 10, 0)), now)).toEqual([]);
    expect(expiredBuckets(tilePeriod(paris(2024, 1, 1, 8, 0), paris(2024, 1, 1, 10, 0)), now)).toHaveLength(2);
    expect(expiredBuckets(tilePeriod(paris(2005, 6, 1), paris(2006, 6, 1)), now)).toEqual([]);
  });
});
