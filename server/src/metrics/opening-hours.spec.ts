import {
  DEFAULT_OPENING_HOURS,
  easterSunday,
  isFrenchPublicHoliday,
  isOpen,
  OpeningHoursError,
  parseOpeningHours,
} from './opening-hours.js';

const townHall = parseOpeningHours(DEFAULT_OPENING_HOURS);
const utc = (iso: string) => Date.parse(iso);

describe('opening hours in Europe/Paris time', () => {
  it.each([
    // Winter (UTC+1): Monday 2026-01-12.
    ['2026-01-12T07:29:59Z', false, 'winter Monday 08:29:59 Paris'],
    ['2026-01-12T07:30:00Z', true, 'winter Monday 08:30 Paris: opening minute included'],
    ['2026-01-12T16:29:59Z', true, 'winter Monday 17:29:59 Paris'],
    ['2026-01-12T16:30:00Z', false, 'winter Monday 17:30 Paris: closing minute excluded'],
    // Summer (UTC+2): Monday 2026-06-15. 07:30 UTC is 09:30 in Paris, 06:30 UTC is 08:30.
    ['2026-06-15T06:29:59Z', false, 'summer Monday 08:29:59 Paris'],
    ['2026-06-15T06:30:00Z', true, 'summer Monday 08:30 Paris'],
    ['2026-06-15T15:29:59Z', true, 'summer Monday 17:29:59 Paris'],
    ['2026-06-15T15:30:00Z', false, 'summer Monday 17:30 Paris'],
    // Saturday morning only.
    ['2026-06-13T06:59:59Z', false, 'Saturday 08:59:59 Paris'],
    ['2026-06-13T07:00:00Z', true, 'Saturday 09:00 Paris'],
    ['2026-06-13T09:59:59Z', true, 'Saturday 11:59:59 Paris'],
    ['2026-06-13T10:00:00Z', false, 'Saturday 12:00 Paris'],
    // Sunday; and a Saturday that is still Friday in UTC.
    ['2026-06-14T08:00:00Z', false, 'Sunday 10:00 Paris'],
    ['2026-06-12T22:30:00Z', false, 'Saturday 00:30 Paris (Friday 22:30 UTC)'],
  ])('%s is %s (%s)', (iso, open) => {
    expect(isOpen(utc(iso), townHall)).toBe(open);
  });

  it('follows the clock change: the Monday after the last Sunday of March opens at 06:30 UTC, the Friday before at 07:30 UTC', () => {
    // DST 2026 starts Sunday 29 March at 01:00 UTC.
    expect(isOpen(utc('2026-03-27T07:29:00Z'), townHall)).toBe(false);
    expect(isOpen(utc('2026-03-27T07:30:00Z'), townHall)).toBe(true);
    expect(isOpen(utc('2026-03-30T06:29:00Z'), townHall)).toBe(false);
    expect(isOpen(utc('2026-03-30T06:30:00Z'), townHall)).toBe(true);
    expect(isOpen(utc('2026-03-30T15:29:00Z'), townHall)).toBe(true);
    expect(isOpen(utc('2026-03-30T15:30:00Z'), townHall)).toBe(false);
  });

  it('follows the clock change back: the Monday after the last Sunday of October opens at 07:30 UTC again', () => {
    // DST 2026 ends Sunday 25 October at 01:00 UTC.
    expect(isOpen(utc('2026-10-23T06:30:00Z'), townHall)).toBe(true);
    expect(isOpen(utc('2026-10-26T06:30:00Z'), townHall)).toBe(false);
    expect(isOpen(utc('2026-10-26T07:30:00Z'), townHall)).toBe(true);
    expect(isOpen(utc('2026-10-26T16:29:00Z'), townHall)).toBe(true);
    expect(isOpen(utc('2026-10-26T16:30:00Z'), townHall)).toBe(false);
  });

  it('is closed on French public holidays, including the movable ones', () => {
    expect(isOpen(utc('2026-07-14T08:00:00Z'), townHall)).toBe(false); // 14 juillet, a Tuesday
    expect(isOpen(utc('2026-04-06T08:00:00Z'), townHall)).toBe(false); // Easter Monday 2026
    expect(isOpen(utc('2026-05-14T08:00:00Z'), townHall)).toBe(false); // Ascension 2026
    expect(isOpen(utc('2026-05-25T08:00:00Z'), townHall)).toBe(false); // Whit Monday 2026
    expect(isOpen(utc('2026-04-07T08:00:00Z'), townHall)).toBe(true); // the Tuesday after Easter
    expect(isOpen(utc('2026-07-14T08:00:00Z'), parseOpeningHours(DEFAULT_OPENING_HOURS, false))).toBe(true);
  });

  it('knows Easter in known years', () => {
    expect(new Date(easterSunday(2024)).toISOString().slice(0, 10)).toBe('2024-03-31');
    expect(new Date(easterSunday(2025)).toISOString().slice(0, 10)).toBe('2025-04-20');
    expect(new Date(easterSunday(2026)).toISOString().slice(0, 10)).toBe('2026-04-05');
    expect(new Date(easterSunday(2006)).toISOString().slice(0, 10)).toBe('2006-04-16');
    expect(isFrenchPublicHoliday(2026, 12, 25)).toBe(true);
    expect(isFrenchPublicHoliday(2026, 12, 24)).toBe(false);
  });

  it('accepts split days and lists, and refuses nonsense with a clear message', () => {
    const split = parseOpeningHours('mon,wed-thu 08:30-12:00, 13:30-17:30');
    // Wednesday 14 January (Paris = UTC+1): 11:59 open, lunch 12:00-13:29 closed, 13:30 open.
    expect(isOpen(utc('2026-01-14T10:59:00Z'), split)).toBe(true);
    expect(isOpen(utc('2026-01-14T11:00:00Z'), split)).toBe(false);
    expect(isOpen(utc('2026-01-14T12:29:00Z'), split)).toBe(false);
    expect(isOpen(utc('2026-01-14T12:30:00Z'), split)).toBe(true);
    expect(isOpen(utc('2026-01-13T10:00:00Z'), split)).toBe(false); // Tuesday
    expect(() => parseOpeningHours('lundi 08:30-17:30')).toThrow(/unknown day "lundi"/);
    expect(() => parseOpeningHours('mon 17:30-08:30')).toThrow(OpeningHoursError);
    expect(() => parseOpeningHours('mon 8h30-17h30')).toThrow(/should look like "08:30-17:30"/);
    expect(() => parseOpeningHours('')).toThrow(/no opening span/);
  });
});
