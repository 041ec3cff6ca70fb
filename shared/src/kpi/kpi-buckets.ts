/**
 * KPI time buckets: where a counted outcome goes, how long each granularity is kept, and
 * how a period is tiled by stored buckets. Pure maths, no storage.
 *
 * - minute buckets start on a UTC minute, hour buckets on a UTC hour. Paris is always a
 *   whole number of hours from UTC, so these are Paris minutes and hours too.
 * - day buckets are Europe/Paris calendar days (23 h or 25 h on the days clocks change),
 *   keyed YYYY-MM-DD.
 */
import { parisDayKey, parisParts, parisStartOfDay, parisWallClockToEpoch } from './paris-time.js';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;

export type BucketGranularity = 'minute' | 'hour' | 'day';

/** Retention: minute buckets 48 h, hour buckets 13 months (395 days, the longest 13 months), day buckets for good. */
export const MINUTE_BUCKET_RETENTION_MS = 48 * HOUR_MS;
export const HOUR_BUCKET_RETENTION_MS = 395 * 24 * HOUR_MS;

/** One stored bucket: `id` is its storage id (epoch ms of its start for minutes/hours, YYYY-MM-DD for days). */
export interface BucketRef {
  readonly granularity: BucketGranularity;
  readonly id: string;
  /** [start, end) in epoch ms. */
  readonly start: number;
  readonly end: number;
}

export function floorToMinute(epochMs: number): number {
  return Math.floor(epochMs / MINUTE_MS) * MINUTE_MS;
}

export function floorToHour(epochMs: number): number {
  return Math.floor(epochMs / HOUR_MS) * HOUR_MS;
}

export function minuteBucket(startMs: number): BucketRef {
  const start = floorToMinute(startMs);
  return { granularity: 'minute', id: String(start), start, end: start + MINUTE_MS };
}

export function hourBucket(startMs: number): BucketRef {
  const start = floorToHour(startMs);
  return { granularity: 'hour', id: String(start), start, end: start + HOUR_MS };
}

/**
 * Paris days by UTC hour: Paris is always a whole number of hours from UTC and changes
 * clocks on the hour, so every instant of one UTC hour is in the same Paris day. Caching
 * spares the (slow) Intl calls on the projector's hot path.
 */
const dayByUtcHour = new Map<number, BucketRef>();
const DAY_CACHE_LIMIT = 50_000;

/** The Paris day containing this instant, with its real length (23, 24 or 25 hours). */
export function dayBucket(epochMs: number): BucketRef {
  const hour = Math.floor(epochMs / HOUR_MS);
  const cached = dayByUtcHour.get(hour);
  if (cached) return cached;
  const start = parisStartOfDay(epochMs);
  const bucket: BucketRef = { granularity: 'day', id: parisDayKey(epochMs), start, end: nextParisMidnight(start) };
  if (dayByUtcHour.size >= DAY_CACHE_LIMIT) dayByUtcHour.clear();
  dayByUtcHour.set(hour, bucket);
  return bucket;
}

/** The three buckets an outcome known at this instant is counted in. */
export function bucketsAt(epochMs: number): readonly [BucketRef, BucketRef, BucketRef] {
  return [minuteBucket(epochMs), hourBucket(epochMs), dayBucket(epochMs)];
}

/** When a bucket may be forgotten (epoch ms), or null for day buckets, kept for good. */
export function bucketExpiresAt(bucket: BucketRef): number | null {
  switch (bucket.granularity) {
    case 'minute':
      return bucket.end + MINUTE_BUCKET_RETENTION_MS;
    case 'hour':
      return bucket.end + HOUR_BUCKET_RETENTION_MS;
    case 'day':
      return null;
  }
}

/** The first Paris midnight strictly after `epochMs`. */
export function nextParisMidnight(epochMs: number): number {
  const p = parisParts(parisStartOfDay(epochMs) + 36 * HOUR_MS);
  return parisWallClockToEpoch(p.year, p.month, p.day);
}

/** The first Paris midnight at or after `epochMs`. */
function parisMidnightAtOrAfter(epochMs: number): number {
  const start = parisStartOfDay(epochMs);
  return start === epochMs ? start : nextParisMidnight(epochMs);
}

/** A period [from, to) resolved to whole minutes: `from` rounded down, `to` rounded up. */
export function alignPeriod(from: number, to: number): { from: number; to: number } {
  if (!Number.isFinite(from) || !Number.isFinite(to))
    throw new RangeError(`period bounds must be finite epoch ms (got ${from}, ${to})`);
  if (to < from)
    throw new RangeError(
      `period ends before it starts (from ${new Date(from).toISOString()}, to ${new Date(to).toISOString()})`,
    );
  return { from: floorToMinute(from), to: Math.ceil(to / MINUTE_MS) * MINUTE_MS };
}

/**
 * The coarsest stored buckets that tile [from, to) exactly once: whole Paris days in the
 * middle, whole hours around them, minutes at the ragged edges. The period is first
 * resolved to whole minutes (see alignPeriod).
 */
export function tilePeriod(fromMs: number, toMs: number): BucketRef[] {
  const { from, to } = alignPeriod(fromMs, toMs);
  const firstMidnight = parisMidnightAtOrAfter(from);
  const tiles: BucketRef[] = [];
  if (firstMidnight >= to) {
    tiles.push(...tileWithHours(from, to));
    return tiles;
  }
  tiles.push(...tileWithHours(from, firstMidnight));
  let dayStart = firstMidnight;
  for (;;) {
    const dayEnd = nextParisMidnight(dayStart);
    if (dayEnd > to) break;
    tiles.push({ granularity: 'day', id: parisDayKey(dayStart), start: dayStart, end: dayEnd });
    dayStart = dayEnd;
  }
  tiles.push(...tileWithHours(dayStart, to));
  return tiles;
}

/** Tiles a minute-aligned [from, to) with whole UTC hours in the middle and minutes at the edges. */
function tileWithHours(from: number, to: number): BucketRef[] {
  const tiles: BucketRef[] = [];
  const firstHour = Math.ceil(from / HOUR_MS) * HOUR_MS;
  if (firstHour >= to) {
    for (let m = from; m < to; m += MINUTE_MS) tiles.push(minuteBucket(m));
    return tiles;
  }
  for (let m = from; m < firstHour; m += MINUTE_MS) tiles.push(minuteBucket(m));
  let h = firstHour;
  for (; h + HOUR_MS <= to; h += HOUR_MS) tiles.push(hourBucket(h));
  for (let m = h; m < to; m += MINUTE_MS) tiles.push(minuteBucket(m));
  return tiles;
}

export interface Period {
  readonly from: number;
  readonly to: number;
}

export interface LiveWindows {
  readonly last15m: Period;
  readonly lastHour: Period;
  readonly today: Period;
}

/**
 * The three live windows at `now`, in whole minutes ending with the current (partial)
 * minute: the last 15 minute buckets, the last 60 minute buckets, and today since
 * midnight Europe/Paris.
 */
export function liveWindows(now: number): LiveWindows {
  const end = floorToMinute(now) + MINUTE_MS;
  return {
    last15m: { from: end - 15 * MINUTE_MS, to: end },
    lastHour: { from: end - 60 * MINUTE_MS, to: end },
    today: { from: parisStartOfDay(now), to: end },
  };
}

/** Buckets of a tiling that are already forgotten at `now` (their figures would be missing). */
export function expiredBuckets(tiles: ReadonlyArray<BucketRef>, now: number): BucketRef[] {
  return tiles.filter((tile) => {
    const expiresAt = bucketExpiresAt(tile);
    return expiresAt !== null && expiresAt <= now;
  });
}
