/**
 * Who may do what in IRIS. A supervisor watches everything and manages agents' modes; an agent
 * works its own panel; a service expert (a municipal service) answers routed requests; a
 * kb-manager curates the knowledge base; an admin manages users and roles.
 */
export const USER_ROLES = ['supervisor', 'agent', 'service', 'kb-manager', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export function isUserRole(value: unknown): value is UserRole {
  return typeof value === 'string' && (USER_ROLES as readonly string[]).includes(value);
}

/** The signed-in user as the server describes it to screens (GET /api/auth/me, users API). */
export interface UserView {
  readonly username: string;
  readonly displayName: string;
  readonly roles: ReadonlyArray<UserRole>;
  /** The telephony agent this user works as (e.g. "1001"); null for non-agents. */
  readonly agentId: string | null;
  /** For the service role: the municipal service the user answers for. */
  readonly service: string | null;
}
