import { parisStartOfDay } from './paris-time.js';

/** Chart buckets: quarter hours, hours, Paris days. */
export const SERIES_BUCKETS = ['15m', '1h', '1d'] as const;
export type SeriesBucket = (typeof SERIES_BUCKETS)[number];

/** At most this many buckets per series (a month of hours is 744). */
export const MAX_SERIES_BUCKETS = 800;

const QUARTER_MS = 15 * 60_000;
const HOUR_MS = 60 * 60_000;

export interface BucketBounds {
  readonly start: number;
  readonly end: number;
}

/**
 * Bucket boundaries [start, end) covering [from, to): quarter hours and hours align on UTC
 * (Paris is a whole number of hours off UTC), days follow Paris midnights (23 h and 25 h
 * days included). The first bucket starts at or before `from`. Stops after
 * MAX_SERIES_BUCKETS + 1 buckets, so a caller can tell "too many" without building them all.
 */
export function seriesBounds(bucket: SeriesBucket, from: number, to: number): BucketBounds[] {
  const bounds: BucketBounds[] = [];
  if (bucket === '1d') {
    for (let start = parisStartOfDay(from); start < to && bounds.length <= MAX_SERIES_BUCKETS;) {
      const end = parisStartOfDay(start + 36 * HOUR_MS);
      bounds.push({ start, end });
      start = end;
    }
    return bounds;
  }
  const step = bucket === '15m' ? QUARTER_MS : HOUR_MS;
  for (let start = Math.floor(from / step) * step; start < to && bounds.length <= MAX_SERIES_BUCKETS; start += step)
    bounds.push({ start, end: start + step });
  return bounds;
}
