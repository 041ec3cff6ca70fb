import type { CitizenRecord, RequestRecord, UserView } from '@iris/shared';

/**
 * How much of the citizens' personal data a user may see: the one rule, applied where the
 * data is read (PersonalDataService), never screen by screen.
 * - `front-office`: agents and supervisors work every request of every channel and search
 *   the citizen base (screen pop, desk, mail) — everything;
 * - `service`: a municipal service sees the requests routed to it, and of their citizens
 *   what it needs to answer (names, phone numbers, emails, postal addresses), never the
 *   citizen's other requests nor the base as a whole (no search, no lookup, no duplicates);
 * - `none`: the knowledge-base manager and the administrator (users, settings) see no
 *   personal data: their work does not need it.
 */
export type DataScope =
  | { readonly kind: 'front-office' }
  | { readonly kind: 'service'; readonly service: string }
  | { readonly kind: 'none' };

export function dataScopeOf(user: Pick<UserView, 'roles' | 'service'>): DataScope {
  if (user.roles.some((role) => role === 'agent' || role === 'supervisor')) return { kind: 'front-office' };
  if (user.roles.includes('service') && user.service) return { kind: 'service', service: user.service };
  return { kind: 'none' };
}

/** A request is visible to the front office, or to the service it is routed to now. */
export function mayReadRequest(scope: DataScope, request: Pick<RequestRecord, 'service'>): boolean {
  if (scope.kind === 'front-office') return true;
  return scope.kind === 'service' && request.service === scope.service;
}

/** A service's inbox: the front office sees every service's, a service its own. */
export function mayReadInbox(scope: DataScope, service: string): boolean {
  return scope.kind === 'front-office' || (scope.kind === 'service' && scope.service === service);
}

/** Searching and browsing the citizen base (search, lookup by phone, duplicates) is the front office's. */
export function mayFindCitizens(scope: DataScope): boolean {
  return scope.kind === 'front-office';
}

/** A fiche as a scope may see it: the identity, and only the requests the scope may read. */
export interface ScopedFiche<T extends Pick<RequestRecord, 'service'>> {
  readonly citizen: CitizenRecord;
  readonly requests: readonly T[];
}

/**
 * The part of a fiche a scope may see, or null when it may see none of it (a service sees
 * a citizen only through a request routed to it).
 */
export function scopeFiche<T extends Pick<RequestRecord, 'service'>>(
  scope: DataScope,
  citizen: CitizenRecord,
  requests: readonly T[],
): ScopedFiche<T> | null {
  if (scope.kind === 'front-office') return { citizen, requests };
  const visible = requests.filter((request) => mayReadRequest(scope, request));
  return visible.length > 0 ? { citizen, requests: visible } : null;
}
