import { parisWallClockToEpoch } from '@iris/shared';
import { instant, parseArguments, UsageError, wholeSeconds } from './cli-arguments.js';

describe('iris command-line arguments', () => {
  it('reads the command, positionals, switches and flags with values (both spellings)', () => {
    const parsed = parseArguments(['replay', 'busy-a.ami.txt', '--json', '--short-abandon', '7', '--service-level=30']);
    expect(parsed.command).toBe('replay');
    expect(parsed.positionals).toEqual(['busy-a.ami.txt']);
    expect(Object.fromEntries(parsed.flags)).toEqual({ json: true, 'short-abandon': '7', 'service-level': '30' });
  });

  it.each([
    [['replay', '--bogus'], 'unknown option --bogus'],
    [['replay', '--short-abandon'], '--short-abandon needs a value'],
    [['kpi', '--from', '--to', 'x'], '--from needs a value'],
    [['replay', '--json=yes'], '--json takes no value'],
  ])('refuses %j: %s', (argv, message) => {
    expect(() => parseArguments(argv)).toThrow(new UsageError(message));
  });

  it('checks whole numbers of seconds', () => {
    expect(wholeSeconds(undefined, 'short-abandon', 5)).toBe(5);
    expect(wholeSeconds('0', 'short-abandon', 5)).toBe(0);
    expect(() => wholeSeconds('2.5', 'short-abandon', 5)).toThrow(
      '--short-abandon must be a whole number (0-3600), got "2.5"',
    );
    expect(() => wholeSeconds('-1', 'short-abandon', 5)).toThrow(UsageError);
    expect(() => wholeSeconds('99999', 'short-abandon', 5)).toThrow(UsageError);
  });

  it('reads dates as Paris days and times, ISO times with a zone, or epoch ms', () => {
    expect(instant('2026-06-01', 'from', parisWallClockToEpoch)).toBe(Date.UTC(2026, 4, 31, 22, 0));
    expect(instant('2026-01-15T08:30', 'from', parisWallClockToEpoch)).toBe(Date.UTC(2026, 0, 15, 7, 30));
    expect(instant('2026-06-01T10:00:00Z', 'to', parisWallClockToEpoch)).toBe(Date.UTC(2026, 5, 1, 10, 0));
    expect(instant('1780000000000', 'to', parisWallClockToEpoch)).toBe(1_780_000_000_000);
    expect(() => instant(undefined, 'from', parisWallClockToEpoch)).toThrow('--from is required');
    expect(() => instant('2026-02-30T25:00', 'from', parisWallClockToEpoch)).toThrow('is not a real date');
    expect(() => instant('yesterday', 'to', parisWallClockToEpoch)).toThrow(/--to must be a date/);
  });
});
