import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  DUPLICATE_SUGGESTION_THRESHOLD,
  duplicateScore,
  identifiersOf,
  IrisError,
  nameTokens,
  normaliseEmail,
  normalisePhone,
  addressKey,
  parseAddressLine,
  type CitizenEvent,
  type CitizenIdentifiers,
  type CitizenRecord,
  type DuplicateSuggestion,
  type IdentityClues,
} from '@iris/shared';
import { IngestService } from '../events/ingest.service.js';
import { Clock } from '../health/clock.js';
import { CitizensRepository, type MergeRecord } from './citizens.repository.js';
import { addressTokens, nameAddressKeys } from './citizens.projection.js';

/** The outcome of identity resolution: the record a request is filed on, and the events that say so. */
export interface Resolution {
  readonly citizenId: string | null;
  readonly matchedBy: 'phone' | 'email' | 'name_address' | null;
  readonly events: CitizenEvent[];
}

/** Clues normalised: E.164 phone, folded email, trimmed name, addresses as given. */
export function normaliseClues(clues: IdentityClues): CitizenIdentifiers {
  const phone = clues.phone ? normalisePhone(clues.phone) : null;
  const email = clues.email ? normaliseEmail(clues.email) : null;
  const fullName = clues.fullName?.trim() ? clues.fullName.trim().replace(/\s+/g, ' ') : null;
  return {
    fullName: fullName && nameTokens(fullName).length > 0 ? fullName : null,
    phones: phone ? [phone] : [],
    emails: email ? [email] : [],
    addresses: clues.address?.street?.trim() ? [clues.address] : [],
  };
}

/** What the clues add to a record (only new identifiers). */
function newIdentifiers(record: CitizenRecord, clues: CitizenIdentifiers): CitizenIdentifiers {
  const known = new Set(record.addresses.map(addressKey));
  return {
    fullName: record.fullName || record.mergedInto ? null : clues.fullName,
    phones: clues.phones.filter((p) => !record.phones.includes(p)),
    emails: clues.emails.filter((e) => !record.emails.includes(e)),
    addresses: clues.addresses.filter((a) => !known.has(addressKey(a))),
  };
}

function isEmpty(identifiers: CitizenIdentifiers): boolean {
  return (
    !identifiers.fullName &&
    identifiers.phones.length === 0 &&
    identifiers.emails.length === 0 &&
    identifiers.addresses.length === 0
  );
}

/** A stable citizen id from the fact that first revealed the person (replays give the same id). */
export function citizenIdFor(sourceRef: string): string {
  return `C-${createHash('sha256').update(sourceRef).digest('hex').slice(0, 16)}`;
}

/**
 * The shared citizen record: identity resolution (phone, email, name + postal address),
 * lookup for the agent's screen pop, search, duplicate suggestions, reversible merges.
 */
@Injectable()
export class CitizensService {
  constructor(
    @Inject(CitizensRepository) private readonly citizens: CitizensRepository,
    @Inject(IngestService) private readonly ingest: IngestService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /**
   * Finds the record these clues belong to (phone first, then email, then name + address:
   * the surest first), or opens one. Returns the events to ingest with the request, so the
   * citizen and the request enter the log in the same atomic append.
   */
  async resolve(clues: IdentityClues, sourceRef: string, at: number, recordedBy: string): Promise<Resolution> {
    const identifiers = normaliseClues(clues);
    if (isEmpty(identifiers)) return { citizenId: null, matchedBy: null, events: [] };
    const match = await this.findMatch(identifiers);
    if (match) {
      // Identifiers of records merged into this one are known too: they stay theirs if the merge is undone.
      const group = [match.record, ...(await this.citizens.getMany(match.record.mergedFrom))];
      const added = group.reduce((left, record) => newIdentifiers(record, left), identifiers);
      const events: CitizenEvent[] = isEmpty(added)
        ? []
        : [
            {
              id: `citizen.identified:${sourceRef}`,
              type: 'citizen.identified',
              v: 1,
              at,
              source: 'intake',
              data: { citizenId: match.record.citizenId, matchedBy: match.matchedBy, added },
            },
          ];
      return { citizenId: match.record.citizenId, matchedBy: match.matchedBy, events };
    }
    const citizenId = citizenIdFor(sourceRef);
    return {
      citizenId,
      matchedBy: null,
      events: [
        {
          id: `citizen.created:${sourceRef}`,
          type: 'citizen.created',
          v: 1,
          at,
          source: 'intake',
          data: { citizenId, identifiers, createdBy: recordedBy },
        },
      ],
    };
  }

  /** The record as every service sees it: a merged record leads to the one it was merged into. */
  async get(citizenId: string): Promise<CitizenRecord> {
    const record = await this.citizens.get(citizenId);
    if (!record) throw new IrisError('CITIZEN_NOT_FOUND', `Fiche citoyen inconnue : ${citizenId}`);
    return record;
  }

  async effective(citizenId: string): Promise<CitizenRecord> {
    let record = await this.get(citizenId);
    for (let hops = 0; record.mergedInto && hops < 20; hops++) record = await this.get(record.mergedInto);
    return record;
  }

  /** Screen pop: the caller recognised from the caller ID, or null. */
  async lookupByPhone(raw: string): Promise<CitizenRecord | null> {
    const phone = normalisePhone(raw);
    if (!phone) throw new IrisError('PHONE_INVALID', `Numéro de téléphone illisible : ${raw}`);
    const id = await this.citizens.idByIdentifier('phone', phone);
    return id ? this.effective(id) : null;
  }

  /** Search by phone, email, name or postal address (any order, accents, abbreviations); merged records show as their target. */
  async search(query: string): Promise<CitizenRecord[]> {
    const trimmed = query.trim();
    if (trimmed.length < 2) throw new IrisError('SEARCH_INVALID', 'Saisir au moins deux caractères.');
    const ids = new Set<string>();
    const email = trimmed.includes('@') ? normaliseEmail(trimmed) : null;
    if (email) {
      const id = await this.citizens.idByIdentifier('email', email);
      if (id) ids.add(id);
    }
    const phone = /\d{6,}/.test(trimmed.replace(/[\s.()-]/g, '')) ? normalisePhone(trimmed) : null;
    if (phone) {
      const id = await this.citizens.idByIdentifier('phone', phone);
      if (id) ids.add(id);
    }
    if (!email && !phone) {
      for (const id of await this.citizens.idsByNameTokens(nameTokens(trimmed))) ids.add(id);
      // "12 av. de la République" or "rue Diderot 92130": the same folding as the records' addresses.
      const street = parseAddressLine(trimmed);
      const tokens = addressTokens({ addresses: [street] });
      if (/\d/.test(trimmed) || tokens.length >= 2)
        for (const id of await this.citizens.idsByAddressTokens(tokens)) ids.add(id);
    }
    const records = await Promise.all([...ids].map((id) => this.effective(id)));
    const unique = new Map(records.map((r) => [r.citizenId, r]));
    return [...unique.values()].sort((a, b) => (a.fullName ?? '').localeCompare(b.fullName ?? '', 'fr'));
  }

  /** Likely duplicates of a record, best first, with the reasons (never merged automatically). */
  async duplicates(citizenId: string): Promise<DuplicateSuggestion[]> {
    const record = await this.effective(citizenId);
    const candidates = new Set<string>();
    for (const phone of record.phones) {
      const id = await this.citizens.idByIdentifier('phone', phone);
      if (id) candidates.add(id);
    }
    for (const email of record.emails) {
      const id = await this.citizens.idByIdentifier('email', email);
      if (id) candidates.add(id);
    }
    if (record.fullName)
      for (const id of await this.citizens.idsSharingAnyNameToken(nameTokens(record.fullName))) candidates.add(id);
    candidates.delete(record.citizenId);
    for (const id of record.mergedFrom) candidates.delete(id);
    const others = (await this.citizens.getMany([...candidates])).filter((other) => other.mergedInto === null);
    return others
      .map((other) => ({ citizenId: other.citizenId, ...duplicateScore(identifiersOf(record), identifiersOf(other)) }))
      .filter((s) => s.score >= DUPLICATE_SUGGESTION_THRESHOLD)
      .sort((a, b) => b.score - a.score || a.citizenId.localeCompare(b.citizenId));
  }

  /** Folds `sourceId` into `targetId`, decided by a person; both records and their history are kept. */
  async merge(sourceId: string, targetId: string, mergedBy: string, reason: string): Promise<MergeRecord> {
    if (sourceId === targetId)
      throw new IrisError('MERGE_INVALID', 'Une fiche ne peut pas être fusionnée avec elle-même.');
    const source = await this.get(sourceId);
    const target = await this.get(targetId);
    if (source.mergedInto)
      throw new IrisError('MERGE_CONFLICT', `La fiche ${sourceId} est déjà fusionnée dans ${source.mergedInto}.`);
    if (target.mergedInto)
      throw new IrisError(
        'MERGE_CONFLICT',
        `La fiche ${targetId} est elle-même fusionnée dans ${target.mergedInto} : fusionner dans celle-ci.`,
      );
    const at = this.clock.now();
    const mergeId = `M-${sourceId}-${targetId}-${at}`;
    await this.ingest.ingest([
      {
        id: `citizen.merged:${mergeId}`,
        type: 'citizen.merged',
        v: 1,
        at,
        source: 'iris',
        data: { mergeId, sourceId, targetId, mergedBy, reason },
      },
    ]);
    return { mergeId, sourceId, targetId, active: true };
  }

  /** Undoes a merge: both records stand apart again with the requests each had. */
  async unmerge(mergeId: string, unmergedBy: string, reason: string): Promise<MergeRecord> {
    const merge = await this.citizens.merge(mergeId);
    if (!merge) throw new IrisError('MERGE_NOT_FOUND', `Fusion inconnue : ${mergeId}`);
    if (!merge.active) throw new IrisError('MERGE_CONFLICT', `La fusion ${mergeId} a déjà été annulée.`);
    const at = this.clock.now();
    await this.ingest.ingest([
      {
        id: `citizen.unmerged:${mergeId}`,
        type: 'citizen.unmerged',
        v: 1,
        at,
        source: 'iris',
        data: { mergeId, sourceId: merge.sourceId, targetId: merge.targetId, unmergedBy, reason },
      },
    ]);
    return { ...merge, active: false };
  }

  private async findMatch(
    identifiers: CitizenIdentifiers,
  ): Promise<{ record: CitizenRecord; matchedBy: 'phone' | 'email' | 'name_address' } | null> {
    const attempts: Array<['phone' | 'email' | 'name-address', string, 'phone' | 'email' | 'name_address']> = [
      ...identifiers.phones.map((p) => ['phone', p, 'phone'] as ['phone', string, 'phone']),
      ...identifiers.emails.map((e) => ['email', e, 'email'] as ['email', string, 'email']),
      ...nameAddressKeys(identifiers).map(
        (k) => ['name-address', k, 'name_address'] as ['name-address', string, 'name_address'],
      ),
    ];
    for (const [kind, value, matchedBy] of attempts) {
      const id = await this.citizens.idByIdentifier(kind, value);
      if (id) return { record: await this.effective(id), matchedBy };
    }
    return null;
  }
}
