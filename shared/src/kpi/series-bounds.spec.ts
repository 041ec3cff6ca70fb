import { parisWallClockToEpoch } from './paris-time.js';
import { MAX_SERIES_BUCKETS, seriesBounds } from './series-bounds.js';

describe('seriesBounds', () => {
  it('cuts a morning into aligned quarter hours, the first one starting at or before from', () => {
    const from = parisWallClockToEpoch(2026, 6, 15, 8, 7);
    const to = parisWallClockToEpoch(2026, 6, 15, 9, 0);
    const bounds = seriesBounds('15m', from, to);
    expect(bounds.map((b) => b.start)).toEqual([0, 15, 30, 45].map((m) => parisWallClockToEpoch(2026, 6, 15, 8, m)));
    expect(bounds.every((b) => b.end - b.start === 15 * 60_000)).toBe(true);
  });

  it('follows Paris midnights for days, including the 23-hour spring and 25-hour autumn days', () => {
    const spring = seriesBounds('1d', parisWallClockToEpoch(2026, 3, 28), parisWallClockToEpoch(2026, 3, 31));
    expect(spring.map((b) => (b.end - b.start) / 3_600_000)).toEqual([24, 23, 24]);
    expect(spring[0]!.start).toBe(parisWallClockToEpoch(2026, 3, 28));
    const autumn = seriesBounds('1d', parisWallClockToEpoch(2026, 10, 25), parisWallClockToEpoch(2026, 10, 26));
    expect(autumn.map((b) => (b.end - b.start) / 3_600_000)).toEqual([25]);
  });

  it('stops one bucket past the maximum, so "too many" is told without building a year of quarter hours', () => {
    const from = parisWallClockToEpoch(2026, 1, 1);
    expect(seriesBounds('15m', from, from + 366 * 86_400_000)).toHaveLength(MAX_SERIES_BUCKETS + 1);
  });
});
