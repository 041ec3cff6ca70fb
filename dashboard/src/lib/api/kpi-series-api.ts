import { getKpiSeries, type SeriesBucket } from '@iris/shared';
import { call } from './http.js';

export type { SeriesBucket };

/** One bar of a chart: a bucket's start and what was offered and answered in it. */
export interface SeriesPoint {
  readonly start: number;
  readonly offered: number;
  readonly answered: number;
  readonly pickupRate: number | null;
}

/**
 * KPI history for the charts, in one request (GET /api/kpis/series): 15-minute buckets for
 * today, Paris days for the last 30 days. The server tiles the period with its stored
 * buckets; a call counts in the bucket where its outcome became known.
 */
export async function fetchKpiSeries(
  bucket: SeriesBucket,
  from: number,
  to: number,
  signal?: AbortSignal,
): Promise<SeriesPoint[]> {
  const { points } = await call(getKpiSeries, {
    query: { bucket, from: new Date(from).toISOString(), to: new Date(to).toISOString() },
    signal,
  });
  return points.map(({ start, figures }) => ({
    start,
    offered: figures.offered,
    answered: figures.answered,
    pickupRate: figures.pickupRate,
  }));
}
