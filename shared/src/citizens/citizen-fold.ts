import type { CitizenEvent, CitizenIdentifiers } from './citizen-events.js';
import type { CitizenRecord } from './citizen.js';
import { addressKey } from './postal-address.js';
import type { PostalAddress } from './postal-address.js';

export const CITIZEN_EVENT_TYPES = [
  'citizen.created',
  'citizen.identified',
  'citizen.merged',
  'citizen.unmerged',
] as const satisfies ReadonlyArray<CitizenEvent['type']>;

export function isCitizenEvent(event: { readonly type: string }): event is CitizenEvent {
  return (CITIZEN_EVENT_TYPES as readonly string[]).includes(event.type);
}

function union<T>(a: readonly T[], b: readonly T[], key: (value: T) => string = String): T[] {
  const seen = new Set(a.map(key));
  return [...a, ...b.filter((value) => !seen.has(key(value)))];
}

export function mergeIdentifiers(record: CitizenRecord, added: CitizenIdentifiers): CitizenRecord {
  return {
    ...record,
    fullName: record.fullName ?? added.fullName,
    phones: union(record.phones, added.phones),
    emails: union(record.emails, added.emails),
    addresses: union<PostalAddress>(record.addresses, added.addresses, addressKey),
  };
}

export function identifiersOf(record: CitizenRecord): CitizenIdentifiers {
  return { fullName: record.fullName, phones: record.phones, emails: record.emails, addresses: record.addresses };
}

/**
 * One citizen record after one of ITS events (merge events change two records: call it for
 * each). Pure; a replayed event leaves the record as it is.
 */
export function evolveCitizen(
  current: CitizenRecord | undefined,
  citizenId: string,
  event: CitizenEvent,
): CitizenRecord {
  switch (event.type) {
    case 'citizen.created': {
      if (current) return current;
      const d = event.data;
      return { citizenId, ...d.identifiers, createdAt: event.at, mergedInto: null, mergedFrom: [] };
    }
    case 'citizen.identified':
      if (!current) throw new Error(`citizen.identified for unknown citizen ${citizenId}`);
      return mergeIdentifiers(current, event.data.added);
    case 'citizen.merged': {
      if (!current) throw new Error(`citizen.merged for unknown citizen ${citizenId}`);
      const d = event.data;
      if (citizenId === d.sourceId)
        return current.mergedInto === d.targetId ? current : { ...current, mergedInto: d.targetId };
      if (current.mergedFrom.includes(d.sourceId)) return current;
      return { ...current, mergedFrom: [...current.mergedFrom, d.sourceId] };
    }
    case 'citizen.unmerged': {
      if (!current) throw new Error(`citizen.unmerged for unknown citizen ${citizenId}`);
      const d = event.data;
      if (citizenId === d.sourceId) return current.mergedInto === null ? current : { ...current, mergedInto: null };
      return { ...current, mergedFrom: current.mergedFrom.filter((id) => id !== d.sourceId) };
    }
  }
}
