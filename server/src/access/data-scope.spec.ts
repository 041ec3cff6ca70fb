import type { CitizenRecord } from '@iris/shared';
import { dataScopeOf, mayFindCitizens, mayReadRequest, scopeFiche } from './data-scope.js';

const citizen = { citizenId: 'c1' } as CitizenRecord;
const requests = [
  { reference: 'IRIS-2026-000001', service: 'urbanisme' },
  { reference: 'IRIS-2026-000002', service: 'etat-civil' },
  { reference: 'IRIS-2026-000003', service: null },
];

describe('data scope: who sees which personal data', () => {
  it('gives the front office everything, a service its own requests, the knowledge-base manager and the admin nothing', () => {
    expect(dataScopeOf({ roles: ['agent'], service: null })).toEqual({ kind: 'front-office' });
    expect(dataScopeOf({ roles: ['supervisor'], service: null })).toEqual({ kind: 'front-office' });
    expect(dataScopeOf({ roles: ['service'], service: 'urbanisme' })).toEqual({
      kind: 'service',
      service: 'urbanisme',
    });
    expect(dataScopeOf({ roles: ['service'], service: null })).toEqual({ kind: 'none' });
    expect(dataScopeOf({ roles: ['kb-manager'], service: null })).toEqual({ kind: 'none' });
    expect(dataScopeOf({ roles: ['admin'], service: null })).toEqual({ kind: 'none' });
  });

  it('lets a service read only the requests routed to it now', () => {
    const urbanisme = dataScopeOf({ roles: ['service'], service: 'urbanisme' });
    expect(requests.map((r) => mayReadRequest(urbanisme, r))).toEqual([true, false, false]);
    expect(requests.every((r) => mayReadRequest({ kind: 'front-office' }, r))).toBe(true);
    expect(requests.some((r) => mayReadRequest({ kind: 'none' }, r))).toBe(false);
  });

  it('shows a service the identity and its own requests of a fiche, and nothing of a citizen it has no request of', () => {
    const urbanisme = dataScopeOf({ roles: ['service'], service: 'urbanisme' });
    expect(scopeFiche(urbanisme, citizen, requests)?.requests.map((r) => r.reference)).toEqual(['IRIS-2026-000001']);
    expect(scopeFiche({ kind: 'service', service: 'voirie' }, citizen, requests)).toBeNull();
    expect(scopeFiche({ kind: 'front-office' }, citizen, requests)?.requests).toHaveLength(3);
    expect(scopeFiche({ kind: 'none' }, citizen, requests)).toBeNull();
  });

  it('keeps searching the citizen base to the front office', () => {
    expect(mayFindCitizens({ kind: 'front-office' })).toBe(true);
    expect(mayFindCitizens({ kind: 'service', service: 'urbanisme' })).toBe(false);
    expect(mayFindCitizens({ kind: 'none' })).toBe(false);
  });
});
