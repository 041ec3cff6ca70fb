import {
  addressKey,
  foldStreet,
  CITIZEN_EVENT_TYPES,
  evolveCitizen,
  isCitizenEvent,
  nameKey,
  nameTokens,
  type CitizenEvent,
  type CitizenIdentifiers,
  type CitizenRecord,
} from '@iris/shared';
import type { ProjectionKeys } from '../redis/keys.js';
import type { Projection, ProjectionState } from '../projector/projection.js';
import type { StoredEvent } from '../events/stored-event.js';

/** The records one event touches: merges change both sides. */
function citizensOf(event: CitizenEvent): string[] {
  switch (event.type) {
    case 'citizen.created':
    case 'citizen.identified':
      return [event.data.citizenId];
    case 'citizen.merged':
    case 'citizen.unmerged':
      return [event.data.sourceId, event.data.targetId];
  }
}

/** The name+address keys of a record: one per address, when the name is known. */
export function nameAddressKeys(identifiers: CitizenIdentifiers): string[] {
  if (!identifiers.fullName) return [];
  const name = nameKey(identifiers.fullName);
  return identifiers.addresses.map((address) => `${name}|${addressKey(address)}`);
}

/**
 * Citizen records and their identity indexes (phone, email, name+address -> record, name
 * tokens -> records). A merge points the source's identifiers at the target and keeps the
 * source record (marked mergedInto); an unmerge points them back. Nothing is deleted, so
 * both records and every request filed on them survive any number of merges and unmerges.
 */
export class CitizensProjection implements Projection {
  readonly name = 'citizens';
  readonly eventTypes = CITIZEN_EVENT_TYPES;

  readsFor(event: StoredEvent['event'], keys: ProjectionKeys): ReadonlyArray<string> {
    return isCitizenEvent(event) ? citizensOf(event).map((id) => keys.citizen(id)) : [];
  }

  apply(event: StoredEvent['event'], state: ProjectionState): void {
    if (!isCitizenEvent(event)) return;
    const keys = state.keys;
    const records = new Map<string, CitizenRecord | undefined>();
    for (const id of citizensOf(event)) {
      const stored = state.hget(keys.citizen(id), 'record');
      records.set(id, stored === undefined ? undefined : (JSON.parse(stored) as CitizenRecord));
    }
    for (const [id, current] of records) {
      const next = evolveCitizen(current, id, event);
      if (next !== current) state.hset(keys.citizen(id), 'record', JSON.stringify(next));
    }
    switch (event.type) {
      case 'citizen.created':
        this.index(state, event.data.citizenId, event.data.identifiers);
        break;
      case 'citizen.identified':
        this.index(state, event.data.citizenId, event.data.added);
        break;
      case 'citizen.merged': {
        const source = records.get(event.data.sourceId);
        if (source) this.index(state, event.data.targetId, source, false);
        state.hset(
          keys.citizenMerges(),
          event.data.mergeId,
          JSON.stringify({ ...event.data, mergedAt: event.at, active: true }),
        );
        break;
      }
      case 'citizen.unmerged': {
        const source = records.get(event.data.sourceId);
        const target = records.get(event.data.targetId);
        if (source) {
          // Identifiers both records hold stay with the target (it was reached by them before the merge too).
          const shared = target ? identifierSet(target) : new Set<string>();
          this.index(state, event.data.sourceId, source, false, shared);
        }
        state.hset(
          keys.citizenMerges(),
          event.data.mergeId,
          JSON.stringify({
            mergeId: event.data.mergeId,
            sourceId: event.data.sourceId,
            targetId: event.data.targetId,
            unmergedBy: event.data.unmergedBy,
            unmergedAt: event.at,
            reason: event.data.reason,
            active: false,
          }),
        );
        break;
      }
    }
  }

  /** Points identifiers at a record; name tokens only for the record's own name (search lists both records). */
  private index(
    state: ProjectionState,
    citizenId: string,
    identifiers: CitizenIdentifiers,
    withNameTokens = true,
    except = new Set<string>(),
  ): void {
    const keys = state.keys;
    for (const phone of identifiers.phones)
      if (!except.has(`p:${phone}`)) state.hset(keys.citizenIndex('phone'), phone, citizenId);
    for (const email of identifiers.emails)
      if (!except.has(`e:${email}`)) state.hset(keys.citizenIndex('email'), email, citizenId);
    for (const key of nameAddressKeys(identifiers))
      if (!except.has(`n:${key}`)) state.hset(keys.citizenIndex('name-address'), key, citizenId);
    if (withNameTokens && identifiers.fullName) {
      for (const token of nameTokens(identifiers.fullName)) state.hset(keys.citizenNameToken(token), citizenId, '1');
    }
    if (withNameTokens)
      for (const token of addressTokens(identifiers)) state.hset(keys.citizenAddressToken(token), citizenId, '1');
  }
}

/** Folded street tokens and postal codes of a record's addresses ("12 av. République, 92130" -> 12, avenue, republique, 92130). */
export function addressTokens(identifiers: Pick<CitizenIdentifiers, 'addresses'>): string[] {
  const tokens = new Set<string>();
  for (const address of identifiers.addresses) {
    for (const token of foldStreet(address.street).split(' ')) if (token) tokens.add(token);
    const postalCode = (address.postalCode ?? '').replace(/\s+/g, '');
    if (postalCode) tokens.add(postalCode);
  }
  return [...tokens];
}

function identifierSet(record: CitizenRecord): Set<string> {
  return new Set([
    ...record.phones.map((p) => `p:${p}`),
    ...record.emails.map((e) => `e:${e}`),
    ...nameAddressKeys(record).map((k) => `n:${k}`),
  ]);
}
