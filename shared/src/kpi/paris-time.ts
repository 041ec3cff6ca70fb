/**
 * Calendar maths in Europe/Paris without a time-zone library: Intl gives the offset of any
 * instant, and day starts are found by correcting a UTC guess by that offset (twice, which
 * settles the two days a year when Paris changes clocks).
 */

export const PARIS_TIME_ZONE = 'Europe/Paris';

const partsFormatter = new Intl.DateTimeFormat('en-GB', {
  timeZone: PARIS_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

export interface ParisParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export function parisParts(epochMs: number): ParisParts {
  const parts: Record<string, number> = {};
  for (const p of partsFormatter.formatToParts(new Date(epochMs))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour!,
    minute: parts.minute!,
    second: parts.second!,
  };
}

/** Offset of Paris from UTC at this instant, in ms (3,600,000 in winter, 7,200,000 in summer). */
export function parisOffsetMs(epochMs: number): number {
  const p = parisParts(epochMs);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(epochMs / 1000) * 1000;
}

/** The instant of a Paris wall-clock time (the earlier one if ambiguous). */
export function parisWallClockToEpoch(year: number, month: number, day: number, hour = 0, minute = 0): number {
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  let epoch = guess - parisOffsetMs(guess);
  epoch = guess - parisOffsetMs(epoch);
  return epoch;
}

/** Midnight Europe/Paris of the day containing this instant. */
export function parisStartOfDay(epochMs: number): number {
  const p = parisParts(epochMs);
  return parisWallClockToEpoch(p.year, p.month, p.day);
}

/** The Paris calendar day of an instant, as YYYY-MM-DD (a day bucket's key). */
export function parisDayKey(epochMs: number): string {
  const p = parisParts(epochMs);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}
