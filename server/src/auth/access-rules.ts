import type { RoomName, UserRole } from '@iris/shared';

/** The part of a signed-in user that access decisions read. */
export interface Principal {
  readonly username: string;
  readonly roles: ReadonlyArray<UserRole>;
  readonly agentId: string | null;
}

/** Roles that see the whole front office and act on any agent. */
export const OVERSEER_ROLES: ReadonlyArray<UserRole> = ['supervisor', 'admin'];

export function hasAnyRole(principal: Principal, roles: ReadonlyArray<UserRole>): boolean {
  return principal.roles.some((role) => roles.includes(role));
}

export function isOverseer(principal: Principal): boolean {
  return hasAnyRole(principal, OVERSEER_ROLES);
}

/** Reading or changing one agent: that agent itself, or a supervisor/admin. */
export function canActOnAgent(principal: Principal, agentId: string): boolean {
  if (isOverseer(principal)) return true;
  return principal.roles.includes('agent') && principal.agentId !== null && principal.agentId === agentId;
}

/** Rooms: supervisor and queue rooms for supervisors/admins; an agent room for that agent too. */
export function canJoinRoom(principal: Principal, room: RoomName): boolean {
  if (room === 'supervisor' || room.startsWith('queue:')) return isOverseer(principal);
  if (room.startsWith('agent:')) return canActOnAgent(principal, room.slice('agent:'.length));
  return false;
}

/** A room name as a client may send it: checked before any lookup. */
export function parseRoomName(value: unknown): RoomName | null {
  if (typeof value !== 'string') return null;
  if (value === 'supervisor') return value;
  const match = /^(queue|agent):([A-Za-z0-9._@/-]{1,64})$/.exec(value);
  return match ? (value as RoomName) : null;
}
