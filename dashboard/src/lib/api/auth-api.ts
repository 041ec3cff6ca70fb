import { apiRequest } from './http.js';

import type { UserView } from '@iris/shared';

// Roles and the user shape are the shared contract (shared/src/auth), the same as the server's.
export { USER_ROLES } from '@iris/shared';
export type { UserRole } from '@iris/shared';
export type CurrentUser = UserView;

export function fetchCurrentUser(): Promise<CurrentUser> {
  return apiRequest<CurrentUser>('/api/auth/me');
}

export function signIn(username: string, password: string): Promise<unknown> {
  return apiRequest('/api/auth/login', { method: 'POST', body: { username, password } });
}

export function signOut(): Promise<unknown> {
  return apiRequest('/api/auth/logout', { method: 'POST' });
}
