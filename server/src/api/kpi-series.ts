import { IrisError, parisStartOfDay } from '@iris/shared';
import { z } from 'zod';
import { parseInput } from '../app/zod-input.js';

export const SERIES_BUCKETS = ['15m', '1h', '1d'] as const;
export type SeriesBucket = (typeof SERIES_BUCKETS)[number];

/** At most this many buckets per request (a month of hours is 744). */
export const MAX_SERIES_BUCKETS = 800;

const instant = z.union([
  z
    .string()
    .regex(/^\d{10,14}$/, 'epoch en ms')
    .transform(Number),
  z.iso.datetime({ offset: true }).transform((text) => Date.parse(text)),
]);

export const kpiSeriesQuerySchema = z
  .object({
    bucket: z.enum(SERIES_BUCKETS),
    from: instant,
    to: instant,
    queue: z
      .string()
      .regex(/^[A-Za-z0-9._@/-]{1,64}$/, 'nom de file')
      .optional(),
  })
  .strict();

export interface SeriesQuery {
  readonly bucket: SeriesBucket;
  readonly queue?: string;
  readonly bounds: ReadonlyArray<{ readonly start: number; readonly end: number }>;
}

const QUARTER_MS = 15 * 60_000;
const HOUR_MS = 60 * 60_000;

/**
 * Bucket boundaries [start, end) covering [from, to): quarter hours and hours align on UTC
 * (Paris is a whole number of hours off UTC), days follow Paris midnights (23 h and 25 h
 * days included). The first bucket starts at or before `from`.
 */
export function seriesBounds(bucket: SeriesBucket, from: number, to: number): Array<{ start: number; end: number }> {
  const bounds: Array<{ start: number; end: number }> = [];
  if (bucket === '1d') {
    for (let start = parisStartOfDay(from); start < to;) {
      const end = parisStartOfDay(start + 36 * HOUR_MS);
      bounds.push({ start, end });
      start = end;
      if (bounds.length > MAX_SERIES_BUCKETS) break;
    }
    return bounds;
  }
  const step = bucket === '15m' ? QUARTER_MS : HOUR_MS;
  for (let start = Math.floor(from / step) * step; start < to && bounds.length <= MAX_SERIES_BUCKETS; start += step)
    bounds.push({ start, end: start + step });
  return bounds;
}

export function seriesQueryFromRequest(query: unknown): SeriesQuery {
  const parsed = parseInput(kpiSeriesQuerySchema, query, 'Série');
  if (!(parsed.from < parsed.to)) throw new IrisError('VALIDATION_FAILED', 'from doit précéder to.');
  const bounds = seriesBounds(parsed.bucket, parsed.from, parsed.to);
  if (bounds.length > MAX_SERIES_BUCKETS) {
    throw new IrisError(
      'VALIDATION_FAILED',
      `Trop de points (plus de ${MAX_SERIES_BUCKETS}) : choisissez un pas plus grand ou une période plus courte.`,
    );
  }
  return { bucket: parsed.bucket, queue: parsed.queue, bounds };
}
