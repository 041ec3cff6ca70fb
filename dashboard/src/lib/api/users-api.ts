import { apiRequest } from './http.js';
import type { UserRole, UserView } from '@iris/shared';

/** The admin users API (server/src/users). Kept in one file so an endpoint change is one edit. */
export type UserSummary = UserView;

export interface NewUser {
  readonly username: string;
  readonly displayName: string;
  readonly password: string;
  readonly roles: ReadonlyArray<UserRole>;
  readonly agentId: string | null;
}

const base = '/api/users';
const one = (username: string) => `${base}/${encodeURIComponent(username)}`;

export async function listUsers(): Promise<UserSummary[]> {
  const body = await apiRequest<UserSummary[] | { users: UserSummary[] }>(base);
  return Array.isArray(body) ? body : body.users;
}

export function createUser(user: NewUser): Promise<unknown> {
  return apiRequest(base, { method: 'POST', body: user });
}

export function updateRoles(username: string, roles: ReadonlyArray<UserRole>): Promise<unknown> {
  return apiRequest(one(username), { method: 'PATCH', body: { roles } });
}

export function resetPassword(username: string, password: string): Promise<unknown> {
  return apiRequest(one(username), { method: 'PATCH', body: { password } });
}

export function deleteUser(username: string): Promise<unknown> {
  return apiRequest(one(username), { method: 'DELETE' });
}
