import { getKpiSeries, MAX_SERIES_BUCKETS } from '@iris/shared';
import { parseInput } from '../app/zod-input.js';
import { seriesQueryFromRequest } from './kpi-series.js';

const now = Date.parse('2026-06-15T10:07:30+02:00');
const series = (query: Record<string, string>) =>
  seriesQueryFromRequest(parseInput(getKpiSeries.query, query, 'Série'), now);

describe('seriesQueryFromRequest', () => {
  it('accepts ISO or epoch instants and refuses a reversed period, an unknown bucket or too many points', () => {
    expect(
      series({ bucket: '1h', from: '2026-06-15T08:00:00+02:00', to: '2026-06-15T12:00:00+02:00' }).bounds,
    ).toHaveLength(4);
    expect(series({ bucket: '1h', from: '1781503200000', to: '1781506800000', queue: 'accueil' })).toMatchObject({
      queue: 'accueil',
    });
    expect(() => series({ bucket: '1h', from: '1781506800000', to: '1781503200000' })).toThrow(
      'from doit précéder to.',
    );
    expect(() => series({ bucket: '5m', from: '1781503200000', to: '1781506800000' })).toThrow(/bucket/);
    const year = 366 * 24 * 3_600_000;
    expect(() => series({ bucket: '15m', from: '1781503200000', to: String(1781503200000 + year) })).toThrow(
      `plus de ${MAX_SERIES_BUCKETS}`,
    );
  });
});
