import { apiRequest } from './http.js';

/**
 * KPI history for the charts: GET /api/kpis/series?bucket=15m|1d&from=<ISO>&to=<ISO>.
 * Each point is a bucket's start and its figures. The parser accepts either
 * `{ start, figures: { offered, answered, pickupRate } }` or the figures flattened
 * into the point, and a start as epoch ms or ISO text.
 */
export interface SeriesPoint {
  readonly start: number;
  readonly offered: number;
  readonly answered: number;
  readonly pickupRate: number | null;
}

export type SeriesBucket = '15m' | '1d';

export async function fetchKpiSeries(bucket: SeriesBucket, from: number, to: number, signal?: AbortSignal): Promise<SeriesPoint[]> {
  const query = new URLSearchParams({ bucket, from: new Date(from).toISOString(), to: new Date(to).toISOString() });
  const body = await apiRequest<unknown>(`/api/kpis/series?${query}`, { signal });
  return parseSeries(body);
}

export function parseSeries(body: unknown): SeriesPoint[] {
  const list = Array.isArray(body) ? body : (body as { points?: unknown; series?: unknown } | null)?.points ?? (body as { series?: unknown } | null)?.series;
  if (!Array.isArray(list)) throw new Error('unexpected KPI series payload');
  return list.map((raw) => {
    const point = raw as Record<string, unknown>;
    const figures = (typeof point.figures === 'object' && point.figures !== null ? point.figures : point) as Record<string, unknown>;
    const start = typeof point.start === 'number' ? point.start : Date.parse(String(point.start ?? point.from ?? point.bucket));
    const offered = Number(figures.offered ?? 0);
    const answered = Number(figures.answered ?? 0);
    const pickupRate = typeof figures.pickupRate === 'number' ? figures.pickupRate : offered > 0 ? answered / offered : null;
    if (!Number.isFinite(start)) throw new Error('KPI series point without a start');
    return { start, offered, answered, pickupRate };
  });
}
