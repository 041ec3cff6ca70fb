import { NO_VALUE, formatClock, formatCount, formatDuration, formatRate } from './french-format.js';

// Intl may use a narrow no-break space in French: compare with plain spaces.
const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');

describe('formatRate', () => {
  it('writes a rate the French way, one decimal', () => {
    expect(plain(formatRate(0.9123, 'fr'))).toBe('91,2 %');
    expect(plain(formatRate(1, 'fr'))).toBe('100,0 %');
  });
  it('writes it the English way when asked', () => {
    expect(formatRate(0.9123, 'en')).toBe('91.2%');
  });
  it('shows "—" for a null rate (nothing offered), never 100 %', () => {
    expect(formatRate(null, 'fr')).toBe(NO_VALUE);
    expect(formatRate(undefined, 'en')).toBe(NO_VALUE);
    expect(formatRate(Number.NaN, 'fr')).toBe(NO_VALUE);
  });
});

describe('formatCount', () => {
  it('groups thousands with a space in French', () => {
    expect(plain(formatCount(12345, 'fr'))).toBe('12 345');
    expect(formatCount(12345, 'en')).toBe('12,345');
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0 s'],
    [42, '42 s'],
    [65, '1 min 05 s'],
    [3599, '59 min 59 s'],
    [3720, '1 h 02 min'],
    [-3, '0 s'],
  ])('%d s -> %s', (seconds, expected) => {
    expect(formatDuration(seconds)).toBe(expected);
  });
  it('shows "—" when there is no duration (no answered call yet)', () => {
    expect(formatDuration(null)).toBe(NO_VALUE);
  });
});

describe('formatClock', () => {
  it('shows Paris time whatever the machine zone: winter UTC+1', () => {
    expect(formatClock(Date.UTC(2026, 0, 15, 13, 3, 27), 'fr')).toBe('14:03:27');
  });
  it('and summer UTC+2', () => {
    expect(formatClock(Date.UTC(2026, 6, 15, 13, 3, 27), 'fr')).toBe('15:03:27');
  });
});
