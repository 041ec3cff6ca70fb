import { formatPhoneFrench, normaliseEmail, normalisePhone } from './phone-number.js';

describe('normalisePhone', () => {
  it.each([
    '01 46 55 27 83',
    '0146552783',
    '01.46.55.27.83',
    '01-46-55-27-83',
    '+33 1 46 55 27 83',
    '+33146552783',
    '0033146552783',
    '00 33 1 46 55 27 83',
    '+33 (0)1 46 55 27 83',
    '+33 (0) 146552783',
    ' 01 46 55 27 83 ',
    '146552783',
  ])('reads %p as the one number +33146552783', (raw) => {
    expect(normalisePhone(raw)).toBe('+33146552783');
  });

  it.each([
    ['06 12 34 56 78', '+33612345678'],
    ['+33 6 12 34 56 78', '+33612345678'],
    ['07 81 22 33 44', '+33781223344'],
    ['+32 2 123 45 67', '+3221234567'],
    ['0032 2 123 45 67', '+3221234567'],
    ['+44 20 7946 0958', '+442079460958'],
  ])('reads %p as %p', (raw, expected) => {
    expect(normalisePhone(raw)).toBe(expected);
  });

  it.each(['', '   ', 'anonymous', '12', '<unknown>'])('refuses %p', (raw) => {
    expect(normalisePhone(raw)).toBeNull();
  });

  it('formats French numbers the French way', () => {
    expect(formatPhoneFrench('+33146552783')).toBe('01 46 55 27 83');
  });
});

describe('normaliseEmail', () => {
  it('case-folds and trims', () => {
    expect(normaliseEmail('  Jean.Dupont@Exemple.FR ')).toBe('jean.dupont@exemple.fr');
  });
  it('refuses what is not an address', () => {
    expect(normaliseEmail('jean dupont')).toBeNull();
    expect(normaliseEmail('jean@')).toBeNull();
  });
});
