import { parisWallClockToEpoch } from '@iris/shared';
import { MAX_SERIES_BUCKETS, seriesBounds, seriesQueryFromRequest } from './kpi-series.js';

describe('seriesBounds', () => {
  it('cuts a morning into aligned quarter hours, the first one starting at or before from', () => {
    const from = parisWallClockToEpoch(2026, 6, 15, 8, 7);
    const to = parisWallClockToEpoch(2026, 6, 15, 9, 0);
    const bounds = seriesBounds('15m', from, to);
    expect(bounds.map((b) => b.start)).toEqual([0, 15, 30, 45].map((m) => parisWallClockToEpoch(2026, 6, 15, 8, m)));
    expect(bounds.every((b) => b.end - b.start === 15 * 60_000)).toBe(true);
  });

  it('follows Paris midnights for days, including the 23-hour spring day', () => {
    const from = parisWallClockToEpoch(2026, 3, 28);
    const to = parisWallClockToEpoch(2026, 3, 31);
    const bounds = seriesBounds('1d', from, to);
    expect(bounds.map((b) => (b.end - b.start) / 3_600_000)).toEqual([24, 23, 24]);
    expect(bounds[0]!.start).toBe(from);
  });
});

describe('seriesQueryFromRequest', () => {
  it('accepts ISO or epoch instants and refuses a reversed period, an unknown bucket or too many points', () => {
    expect(
      seriesQueryFromRequest({ bucket: '1h', from: '2026-06-15T08:00:00+02:00', to: '2026-06-15T12:00:00+02:00' })
        .bounds,
    ).toHaveLength(4);
    expect(
      seriesQueryFromRequest({ bucket: '1h', from: '1781503200000', to: '1781506800000', queue: 'accueil' }),
    ).toMatchObject({ queue: 'accueil' });
    expect(() => seriesQueryFromRequest({ bucket: '1h', from: '1781506800000', to: '1781503200000' })).toThrow(
      'from doit précéder to.',
    );
    expect(() => seriesQueryFromRequest({ bucket: '5m', from: '1781503200000', to: '1781506800000' })).toThrow(
      /bucket/,
    );
    const year = 366 * 24 * 3_600_000;
    expect(() =>
      seriesQueryFromRequest({ bucket: '15m', from: '1781503200000', to: String(1781503200000 + year) }),
    ).toThrow(`plus de ${MAX_SERIES_BUCKETS}`);
  });
});
