import { endpointUrl } from './endpoint.js';

describe('endpointUrl', () => {
  it('fills path parameters, encoded', () => {
    expect(
      endpointUrl({ path: '/api/requests/:reference/files/:name' }, { reference: 'IRIS-2026-000001', name: 'a b/c' }),
    ).toBe('/api/requests/IRIS-2026-000001/files/a%20b%2Fc');
  });

  it('appends query parameters, leaving out undefined ones and repeating arrays', () => {
    expect(
      endpointUrl({ path: '/api/kpis' }, undefined, { window: '15m', queue: undefined, channel: ['sms', 'email'] }),
    ).toBe('/api/kpis?window=15m&channel=sms&channel=email');
    expect(endpointUrl({ path: '/api/kpis' })).toBe('/api/kpis');
  });

  it('refuses to build a URL with a path parameter missing', () => {
    expect(() => endpointUrl({ path: '/api/requests/:reference' }, {})).toThrow('missing parameter reference');
  });
});
