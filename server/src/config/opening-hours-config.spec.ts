import { parisWallClockToEpoch } from '@iris/shared';
import { isOpen, parseOpeningHours } from '../metrics/opening-hours.js';
import { ConfigError, loadConfig } from './iris-config.js';

const base = { AMI_ENABLED: 'false' };

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('OPENING_HOURS and CLOSED_ON_PUBLIC_HOLIDAYS', () => {
  it('default to the town hall week, holidays closed', () => {
    const config = loadConfig(base);
    expect(config.openingHours).toBe('mon-fri 08:30-17:30; sat 09:00-12:00');
    expect(config.closedOnPublicHolidays).toBe(true);
  });

  it('take another schedule, which the metrics module then applies in Paris time', () => {
    const config = loadConfig({
      ...base,
      OPENING_HOURS: ' mon-fri 08:00-12:00, 13:30-17:00; sat 09:00-12:00 ',
      CLOSED_ON_PUBLIC_HOLIDAYS: 'false',
    });
    expect(config.openingHours).toBe('mon-fri 08:00-12:00, 13:30-17:00; sat 09:00-12:00');
    expect(config.closedOnPublicHolidays).toBe(false);
    const hours = parseOpeningHours(config.openingHours, config.closedOnPublicHolidays);
    // Monday 14 July 2025 (Bastille Day) at 12:30 and 13:30 Paris: lunch closed, then open.
    expect(isOpen(parisWallClockToEpoch(2025, 7, 14, 12, 30), hours)).toBe(false);
    expect(isOpen(parisWallClockToEpoch(2025, 7, 14, 13, 30), hours)).toBe(true);
    expect(isOpen(parisWallClockToEpoch(2025, 7, 14, 13, 30), { ...hours, closedOnPublicHolidays: true })).toBe(false);
  });

  it('refuse a bad schedule at start-up with the expected form, listed with the other bad variables', () => {
    expect(
      problemsOf({ ...base, OPENING_HOURS: 'mon-fri 8h30', CLOSED_ON_PUBLIC_HOLIDAYS: 'sometimes', PORT: 'x' }),
    ).toEqual([
      'PORT: must be an integer 0-65535, got "x"',
      'OPENING_HOURS: "mon-fri 8h30" is not "<days> HH:MM-HH:MM; ..." ("8h30" in "mon-fri 8h30" should look like "08:30-17:30")',
      'CLOSED_ON_PUBLIC_HOLIDAYS: must be true or false, got "sometimes"',
    ]);
  });

  it.each([
    ['lun-ven 08:30-17:30', 'unknown day "lun"'],
    ['mon-fri 17:30-08:30', 'ends before it starts'],
    ['mon-fri 08:30-25:00', 'bad time'],
    ['08:30-17:30', 'should look like "mon-fri 08:30-17:30"'],
    [';', 'no opening span given'],
  ])('names what is wrong in %j', (value, reason) => {
    const [problem] = problemsOf({ ...base, OPENING_HOURS: value });
    expect(problem).toContain(`OPENING_HOURS: ${JSON.stringify(value)} is not "<days> HH:MM-HH:MM; ..."`);
    expect(problem).toContain(reason);
  });
});
