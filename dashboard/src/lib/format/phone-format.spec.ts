import { formatFrenchPhone } from './phone-format.js';

describe('formatFrenchPhone', () => {
  it.each([
    ['0146552783', '01 46 55 27 83'],
    ['01 46 55 27 83', '01 46 55 27 83'],
    ['01.46.55.27.83', '01 46 55 27 83'],
    ['+33146552783', '01 46 55 27 83'],
    ['+33 1 46 55 27 83', '01 46 55 27 83'],
    ['0033146552783', '01 46 55 27 83'],
    ['33146552783', '01 46 55 27 83'],
    ['0694699302', '06 94 69 93 02'],
    ['+33694699302', '06 94 69 93 02'],
  ])('%s -> %s', (raw, expected) => {
    expect(formatFrenchPhone(raw)).toBe(expected);
  });

  it('keeps a foreign number international, grouped', () => {
    expect(formatFrenchPhone('+4915123456789')).toMatch(/^\+49/);
    expect(formatFrenchPhone('+4915123456789')!.replace(/\s/g, '')).toBe('+4915123456789');
  });

  it.each([null, undefined, '', '   ', 'anonymous', 'Unknown', '<unknown>'])('has nothing to show for %p', (raw) => {
    expect(formatFrenchPhone(raw)).toBeNull();
  });

  it('leaves an internal extension as it came', () => {
    expect(formatFrenchPhone('1001')).toBe('1001');
  });
});
