import { DUPLICATE_SUGGESTION_THRESHOLD, duplicateScore } from './duplicate-score.js';
import type { CitizenIdentifiers } from './citizen-events.js';

const base: CitizenIdentifiers = {
  fullName: 'Jean Dupont',
  phones: ['+33146552783'],
  emails: ['jean.dupont@exemple.fr'],
  addresses: [{ street: '12 avenue de la République', postalCode: '92130' }],
};

describe('duplicateScore', () => {
  it('a shared phone is strong evidence', () => {
    const other: CitizenIdentifiers = { fullName: 'J. Dupont', phones: ['+33146552783'], emails: [], addresses: [] };
    const result = duplicateScore(base, other);
    expect(result.score).toBeGreaterThanOrEqual(DUPLICATE_SUGGESTION_THRESHOLD);
    expect(result.reasons).toContain('même téléphone');
  });

  it('a close name at the same address is suggested', () => {
    const other: CitizenIdentifiers = {
      fullName: 'DUPOND Jean',
      phones: [],
      emails: ['jdupond@autre.fr'],
      addresses: [{ street: '12 av. République', postalCode: '92130' }],
    };
    const result = duplicateScore(base, other);
    expect(result.score).toBeGreaterThanOrEqual(DUPLICATE_SUGGESTION_THRESHOLD);
    expect(result.reasons).toEqual(['nom proche et même adresse']);
  });

  it('a homonym elsewhere is not suggested', () => {
    const other: CitizenIdentifiers = {
      fullName: 'Jean Dupont',
      phones: ['+33612345678'],
      emails: [],
      addresses: [{ street: '4 rue Diderot', postalCode: '92130' }],
    };
    expect(duplicateScore(base, other).score).toBeLessThan(DUPLICATE_SUGGESTION_THRESHOLD);
  });

  it('strangers score zero', () => {
    const other: CitizenIdentifiers = { fullName: 'Awa Traoré', phones: ['+33700000000'], emails: [], addresses: [] };
    expect(duplicateScore(base, other)).toEqual({ score: 0, reasons: [] });
  });
});
