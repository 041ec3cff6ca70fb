import { evolveCitizen } from './citizen-fold.js';
import type { CitizenEvent } from './citizen-events.js';

const created = (citizenId: string, phone: string): CitizenEvent => ({
  id: `citizen.created:${citizenId}`,
  type: 'citizen.created',
  v: 1,
  at: 1,
  source: 'intake',
  data: {
    citizenId,
    identifiers: { fullName: 'Awa Traoré', phones: [phone], emails: [], addresses: [] },
    createdBy: 'sms',
  },
});
const merged: CitizenEvent = {
  id: 'm',
  type: 'citizen.merged',
  v: 1,
  at: 2,
  source: 'iris',
  data: { mergeId: 'M1', sourceId: 'B', targetId: 'A', mergedBy: 'sup', reason: 'même personne' },
};
const unmerged: CitizenEvent = {
  id: 'u',
  type: 'citizen.unmerged',
  v: 1,
  at: 3,
  source: 'iris',
  data: { mergeId: 'M1', sourceId: 'B', targetId: 'A', unmergedBy: 'sup', reason: 'erreur' },
};

describe('evolveCitizen', () => {
  it('merge marks both sides and unmerge restores them exactly', () => {
    const a0 = evolveCitizen(undefined, 'A', created('A', '+33611111111'));
    const b0 = evolveCitizen(undefined, 'B', created('B', '+33622222222'));
    const a1 = evolveCitizen(a0, 'A', merged);
    const b1 = evolveCitizen(b0, 'B', merged);
    expect(a1.mergedFrom).toEqual(['B']);
    expect(b1.mergedInto).toBe('A');
    expect(evolveCitizen(a1, 'A', merged)).toBe(a1);
    expect(evolveCitizen(a1, 'A', unmerged)).toEqual(a0);
    expect(evolveCitizen(b1, 'B', unmerged)).toEqual(b0);
  });

  it('identification adds only what is new', () => {
    const a0 = evolveCitizen(undefined, 'A', created('A', '+33611111111'));
    const a1 = evolveCitizen(a0, 'A', {
      id: 'i',
      type: 'citizen.identified',
      v: 1,
      at: 2,
      source: 'intake',
      data: {
        citizenId: 'A',
        matchedBy: 'phone',
        added: {
          fullName: null,
          phones: ['+33611111111'],
          emails: ['awa@exemple.fr'],
          addresses: [{ street: '3 bd Gambetta' }],
        },
      },
    });
    expect(a1).toMatchObject({
      phones: ['+33611111111'],
      emails: ['awa@exemple.fr'],
      addresses: [{ street: '3 bd Gambetta' }],
      fullName: 'Awa Traoré',
    });
  });
});
