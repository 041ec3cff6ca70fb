import { parisStartOfDay } from '@iris/shared';
import type { KpiFigures } from '@iris/shared';
import { ApiError, apiRequest } from './http.js';

/**
 * KPI history for the charts. The server has no series endpoint yet, only figures for any
 * period (GET /api/kpis?from&to), so the series is built bucket by bucket: 15-minute
 * buckets for today, days (Europe/Paris) for the last 30 days. A call counts in the bucket
 * where its outcome became known, so a bucket that has ended never changes: it is fetched
 * once and kept; only the current bucket is fetched again. If the server later offers
 * GET /api/kpis/series?bucket&from&to, it is used instead (one request).
 */
export interface SeriesPoint {
  readonly start: number;
  readonly offered: number;
  readonly answered: number;
  readonly pickupRate: number | null;
}

export type SeriesBucket = '15m' | '1d';

const QUARTER_MS = 15 * 60_000;
const PARALLEL_REQUESTS = 6;
const SETTLE_MS = 60_000;

/** Bucket boundaries [start, end) covering [from, to); days follow Paris midnights (23 h and 25 h days included). */
export function bucketBounds(bucket: SeriesBucket, from: number, to: number): Array<{ start: number; end: number }> {
  const bounds: Array<{ start: number; end: number }> = [];
  if (bucket === '15m') {
    // Paris is a whole number of hours off UTC, so quarter hours align on UTC quarter hours.
    for (let start = Math.floor(from / QUARTER_MS) * QUARTER_MS; start < to; start += QUARTER_MS)
      bounds.push({ start, end: start + QUARTER_MS });
  } else {
    for (let start = parisStartOfDay(from); start < to;) {
      const end = parisStartOfDay(start + 36 * 3_600_000);
      bounds.push({ start, end });
      start = end;
    }
  }
  return bounds;
}

export function pointFromFigures(
  start: number,
  figures: Pick<KpiFigures, 'offered' | 'answered' | 'pickupRate'>,
): SeriesPoint {
  return { start, offered: figures.offered, answered: figures.answered, pickupRate: figures.pickupRate };
}

let seriesEndpoint: 'unknown' | 'present' | 'absent' = 'unknown';
const closedBuckets = new Map<string, SeriesPoint>();

export async function fetchKpiSeries(
  bucket: SeriesBucket,
  from: number,
  to: number,
  signal?: AbortSignal,
): Promise<SeriesPoint[]> {
  if (seriesEndpoint !== 'absent') {
    try {
      const query = new URLSearchParams({ bucket, from: new Date(from).toISOString(), to: new Date(to).toISOString() });
      const points = parseSeries(await apiRequest<unknown>(`/api/kpis/series?${query}`, { signal }));
      seriesEndpoint = 'present';
      return points;
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 404)) throw error;
      seriesEndpoint = 'absent';
    }
  }
  return seriesFromPeriods(bucket, from, to, signal);
}

async function seriesFromPeriods(
  bucket: SeriesBucket,
  from: number,
  to: number,
  signal?: AbortSignal,
): Promise<SeriesPoint[]> {
  const bounds = bucketBounds(bucket, from, to);
  if (bounds.length === 0) return [];
  // Forget buckets that left the window, so a wallboard left open for weeks keeps a bounded cache.
  for (const [key, point] of closedBuckets)
    if (key.startsWith(`${bucket}:`) && point.start < bounds[0]!.start) closedBuckets.delete(key);
  const points: SeriesPoint[] = new Array(bounds.length);
  let next = 0;
  const worker = async () => {
    while (next < bounds.length) {
      const index = next++;
      const { start, end } = bounds[index]!;
      const key = `${bucket}:${start}`;
      const cached = closedBuckets.get(key);
      if (cached) {
        points[index] = cached;
        continue;
      }
      const body = await apiRequest<{ figures: KpiFigures }>(`/api/kpis?from=${start}&to=${end}`, { signal });
      const point = pointFromFigures(start, body.figures);
      // A minute's margin: an outcome projected a moment late still lands in its bucket.
      if (end <= to - SETTLE_MS) closedBuckets.set(key, point);
      points[index] = point;
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_REQUESTS, bounds.length) }, worker));
  return points;
}

export function parseSeries(body: unknown): SeriesPoint[] {
  const list = Array.isArray(body)
    ? body
    : ((body as { points?: unknown; series?: unknown } | null)?.points ??
      (body as { series?: unknown } | null)?.series);
  if (!Array.isArray(list)) throw new Error('unexpected KPI series payload');
  return list.map((raw) => {
    const point = raw as Record<string, unknown>;
    const figures = (typeof point.figures === 'object' && point.figures !== null ? point.figures : point) as Record<
      string,
      unknown
    >;
    const start =
      typeof point.start === 'number' ? point.start : Date.parse(String(point.start ?? point.from ?? point.bucket));
    const offered = Number(figures.offered ?? 0);
    const answered = Number(figures.answered ?? 0);
    const pickupRate =
      typeof figures.pickupRate === 'number' ? figures.pickupRate : offered > 0 ? answered / offered : null;
    if (!Number.isFinite(start)) throw new Error('KPI series point without a start');
    return { start, offered, answered, pickupRate };
  });
}
