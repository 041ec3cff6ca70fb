import type { EventEnvelope } from '../events/domain-event.js';
import type { PostalAddress } from './postal-address.js';

/** The identifiers a record holds, already normalised (E.164 phones, folded emails). */
export interface CitizenIdentifiers {
  readonly fullName: string | null;
  readonly phones: readonly string[];
  readonly emails: readonly string[];
  readonly addresses: readonly PostalAddress[];
}

/** A new citizen record, opened by an intake channel or by an agent. */
export type CitizenCreated = EventEnvelope<
  'citizen.created',
  { readonly citizenId: string; readonly identifiers: CitizenIdentifiers; readonly createdBy: string }
>;

/** An existing record was recognised and learnt new identifiers (a new email, a new address). */
export type CitizenIdentified = EventEnvelope<
  'citizen.identified',
  {
    readonly citizenId: string;
    /** How it was recognised: phone, email or name+address. */
    readonly matchedBy: 'phone' | 'email' | 'name_address' | 'agent';
    /** Only what is new on the record. */
    readonly added: CitizenIdentifiers;
  }
>;

/** A person decided two records are one citizen. Nothing is deleted: the source is folded into the target. */
export type CitizenMerged = EventEnvelope<
  'citizen.merged',
  {
    readonly mergeId: string;
    readonly sourceId: string;
    readonly targetId: string;
    readonly mergedBy: string;
    readonly reason: string;
  }
>;

/** The merge was a mistake: both records stand apart again, each with its own history. */
export type CitizenUnmerged = EventEnvelope<
  'citizen.unmerged',
  {
    readonly mergeId: string;
    readonly sourceId: string;
    readonly targetId: string;
    readonly unmergedBy: string;
    readonly reason: string;
  }
>;

export type CitizenEvent = CitizenCreated | CitizenIdentified | CitizenMerged | CitizenUnmerged;
