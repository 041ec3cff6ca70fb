/**
 * The town hall's opening hours, in Europe/Paris wall-clock time, with the French public
 * holidays closed. The server exports the result as `iris_front_office_open` (0/1) so
 * Prometheus alerts need no time-zone maths: PromQL only knows UTC, and the Paris offset
 * changes twice a year (prometheus/README.md explains the choice).
 */
import { parisParts } from '@iris/shared';

/** The default: Monday to Friday 08:30-17:30, Saturday morning 09:00-12:00. */
export const DEFAULT_OPENING_HOURS = 'mon-fri 08:30-17:30; sat 09:00-12:00';

const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

/** One opening span on one weekday, minutes since Paris midnight, [from, to). */
export interface OpeningSpan {
  readonly weekday: number;
  readonly fromMinute: number;
  readonly toMinute: number;
}

export interface OpeningHours {
  readonly spans: readonly OpeningSpan[];
  /** Closed on French public holidays (jours fériés). */
  readonly closedOnPublicHolidays: boolean;
}

export class OpeningHoursError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OpeningHoursError';
  }
}

/**
 * Parses "mon-fri 08:30-17:30; sat 09:00-12:00" (days: sun..sat, a range or a comma list;
 * several spans a day allowed, e.g. "mon-fri 08:30-12:00, 13:30-17:30").
 */
export function parseOpeningHours(text: string, closedOnPublicHolidays = true): OpeningHours {
  const spans: OpeningSpan[] = [];
  for (const rule of text
    .split(';')
    .map((r) => r.trim())
    .filter((r) => r !== '')) {
    const match = /^([a-z,-]+)\s+(.+)$/i.exec(rule);
    if (!match) throw new OpeningHoursError(`opening hours: "${rule}" should look like "mon-fri 08:30-17:30"`);
    const weekdays = parseWeekdays(match[1]!.toLowerCase(), rule);
    for (const range of match[2]!.split(',').map((r) => r.trim())) {
      const times = /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/.exec(range);
      if (!times) throw new OpeningHoursError(`opening hours: "${range}" in "${rule}" should look like "08:30-17:30"`);
      const fromMinute = minuteOfDay(Number(times[1]), Number(times[2]), rule);
      const toMinute = minuteOfDay(Number(times[3]), Number(times[4]), rule);
      if (toMinute <= fromMinute)
        throw new OpeningHoursError(`opening hours: "${range}" in "${rule}" ends before it starts`);
      for (const weekday of weekdays) spans.push({ weekday, fromMinute, toMinute });
    }
  }
  if (spans.length === 0) throw new OpeningHoursError('opening hours: no opening span given');
  return { spans, closedOnPublicHolidays };
}

function parseWeekdays(text: string, rule: string): number[] {
  const days: number[] = [];
  for (const part of text.split(',')) {
    const [first, last] = part.split('-');
    const from = dayIndex(first!, rule);
    const to = last === undefined ? from : dayIndex(last, rule);
    for (let d = from; ; d = (d + 1) % 7) {
      days.push(d);
      if (d === to) break;
    }
  }
  return days;
}

function dayIndex(name: string, rule: string): number {
  const index = DAY_NAMES.indexOf(name as (typeof DAY_NAMES)[number]);
  if (index < 0)
    throw new OpeningHoursError(`opening hours: unknown day "${name}" in "${rule}" (use ${DAY_NAMES.join(', ')})`);
  return index;
}

function minuteOfDay(hour: number, minute: number, rule: string): number {
  // 24:00 is allowed as the end of a day.
  if (hour > 24 || minute > 59 || (hour === 24 && minute !== 0))
    throw new OpeningHoursError(`opening hours: bad time in "${rule}"`);
  return hour * 60 + minute;
}

/** Is the town hall open at this instant (Paris wall clock)? Opening minute included, closing minute excluded. */
export function isOpen(epochMs: number, hours: OpeningHours): boolean {
  const p = parisParts(epochMs);
  if (hours.closedOnPublicHolidays && isFrenchPublicHoliday(p.year, p.month, p.day)) return false;
  const weekday = new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay();
  const minute = p.hour * 60 + p.minute;
  return hours.spans.some((s) => s.weekday === weekday && minute >= s.fromMinute && minute < s.toMinute);
}

/** Metropolitan France's eleven public holidays (Code du travail L3133-1). */
export function isFrenchPublicHoliday(year: number, month: number, day: number): boolean {
  const fixed = ['1-1', '5-1', '5-8', '7-14', '8-15', '11-1', '11-11', '12-25'];
  if (fixed.includes(`${month}-${day}`)) return true;
  const easter = easterSunday(year);
  const dayMs = 86_400_000;
  const date = Date.UTC(year, month - 1, day);
  // Easter Monday, Ascension Thursday, Whit Monday.
  return [1, 39, 50].some((offset) => easter + offset * dayMs === date);
}

/** Easter Sunday (Gregorian, anonymous algorithm), as UTC midnight epoch ms. */
export function easterSunday(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return Date.UTC(year, month - 1, day);
}
