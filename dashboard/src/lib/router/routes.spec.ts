import { ROUTES, SIGN_IN_PATH, canSee, findRoute, homeFor } from './routes.js';

describe('routes', () => {
  it('finds a route with or without a trailing slash', () => {
    expect(findRoute('/supervision')?.path).toBe('/supervision');
    expect(findRoute('/supervision/')?.path).toBe('/supervision');
    expect(findRoute('/nowhere')).toBeUndefined();
  });

  it('leads each role to its home screen', () => {
    expect(homeFor(['supervisor'])).toBe('/supervision');
    expect(homeFor(['agent'])).toBe('/agent');
    expect(homeFor(['admin'])).toBe('/supervision');
    expect(homeFor(['kb-manager'])).toBeNull();
  });

  it('keeps an agent out of the supervisor and admin screens', () => {
    expect(canSee(findRoute('/supervision')!, ['agent'])).toBe(false);
    expect(canSee(findRoute('/admin/utilisateurs')!, ['agent', 'supervisor'])).toBe(false);
    expect(canSee(findRoute(SIGN_IN_PATH)!, [])).toBe(true);
  });

  it('has one row per path', () => {
    expect(new Set(ROUTES.map((r) => r.path)).size).toBe(ROUTES.length);
  });
});
