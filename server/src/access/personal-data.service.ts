import { Inject, Injectable } from '@nestjs/common';
import { IrisError, type CitizenRecord, type DuplicateSuggestion, type RequestRecord } from '@iris/shared';
import { AccessAuditService } from '../audit/access-audit.service.js';
import { CitizenTimelineService, type CitizenTimeline } from '../citizens/citizen-timeline.service.js';
import { CitizensService } from '../citizens/citizens.service.js';
import type { InboxLine } from '../intake/requests.projection.js';
import { RequestsService } from '../intake/requests.service.js';
import { RoutingService } from '../routing/routing.service.js';
import type { Actor } from './actor.js';
import { mayFindCitizens, mayReadInbox, mayReadRequest, scopeFiche } from './data-scope.js';

/**
 * The one way personal data leaves the server: every read of a request or a fiche goes
 * through here, filtered by the actor's data scope (data-scope.ts) and recorded in the
 * access audit before it is returned. Controllers, socket rooms and exports call this,
 * never the repositories, so no screen can show more than the scope allows.
 */
@Injectable()
export class PersonalDataService {
  constructor(
    @Inject(RequestsService) private readonly requests: RequestsService,
    @Inject(CitizensService) private readonly citizens: CitizensService,
    @Inject(CitizenTimelineService) private readonly timelines: CitizenTimelineService,
    @Inject(RoutingService) private readonly routing: RoutingService,
    @Inject(AccessAuditService) private readonly audit: AccessAuditService,
  ) {}

  /** A service's open requests (subjects and citizens), if the scope covers that service, recorded as read. */
  async inbox(actor: Actor, service: string): Promise<InboxLine[]> {
    if (!mayReadInbox(actor.scope, service))
      throw new IrisError('FORBIDDEN', "Cette boîte n'est pas celle de votre service.");
    const lines = await this.routing.inbox(service);
    await this.audit.record(
      actor,
      'read',
      'request',
      lines.map((l) => l.reference),
      `inbox of ${service}`,
    );
    return lines;
  }

  /** A request, if the actor's scope covers it (else FORBIDDEN), recorded as read. */
  async request(actor: Actor, reference: string, detail = 'request'): Promise<RequestRecord> {
    const record = await this.requests.get(reference);
    this.assertMayRead(actor, record);
    await this.audit.record(actor, 'read', 'request', [reference], detail);
    return record;
  }

  /**
   * Checks that the actor may act on a request and records the change before it is made
   * (a change that then fails is still a recorded attempt). Returns the request as it was.
   */
  async beforeChange(actor: Actor, reference: string, detail: string): Promise<RequestRecord> {
    const record = await this.requests.get(reference);
    this.assertMayRead(actor, record);
    await this.audit.record(actor, 'change', 'request', [reference], detail);
    return record;
  }

  /** A fiche: the citizen's identity and timeline, cut to the actor's scope, recorded as read. */
  async fiche(actor: Actor, citizenId: string): Promise<CitizenTimeline> {
    const timeline = await this.timelines.timeline(citizenId);
    const visible = scopeFiche(actor.scope, timeline.citizen, timeline.requests);
    if (!visible) throw forbiddenFiche(citizenId);
    const references = new Set(visible.requests.map((r) => r.reference));
    await this.audit.record(actor, 'read', 'citizen', [timeline.citizen.citizenId, ...references], 'fiche');
    return {
      citizen: visible.citizen,
      requests: visible.requests,
      entries: timeline.entries.filter((entry) => references.has(entry.reference)),
    };
  }

  /** The citizen record alone (identity), on the same rule as the fiche. */
  async citizen(actor: Actor, citizenId: string): Promise<CitizenRecord> {
    return (await this.fiche(actor, citizenId)).citizen;
  }

  /** Screen pop: the record of a caller's number, front office only, recorded as a search. */
  async lookupByPhone(actor: Actor, phone: string): Promise<CitizenRecord | null> {
    this.assertMayFind(actor);
    const citizen = await this.citizens.lookupByPhone(phone);
    await this.audit.record(actor, 'search', 'citizen', citizen ? [citizen.citizenId] : [], 'lookup by phone number');
    return citizen;
  }

  /** Search by name, phone, email or address, front office only; the fiches found are recorded, not the query. */
  async search(actor: Actor, query: string): Promise<CitizenRecord[]> {
    this.assertMayFind(actor);
    const found = await this.citizens.search(query);
    await this.audit.record(
      actor,
      'search',
      'citizen',
      found.map((c) => c.citizenId),
      `search: ${found.length} found`,
    );
    return found;
  }

  async duplicates(actor: Actor, citizenId: string): Promise<DuplicateSuggestion[]> {
    this.assertMayFind(actor);
    const suggestions = await this.citizens.duplicates(citizenId);
    await this.audit.record(
      actor,
      'read',
      'citizen',
      [citizenId, ...suggestions.map((s) => s.citizenId)],
      'suspected duplicates',
    );
    return suggestions;
  }

  /** Only the front office changes fiches (merge, unmerge, rectification): refuses the others before any work. */
  assertMayChangeCitizens(actor: Actor): void {
    this.assertMayFind(actor);
  }

  /** Records a change made to fiches (merge, unmerge, rectification), naming every fiche it touched. */
  async recordCitizenChange(actor: Actor, citizenIds: ReadonlyArray<string>, detail: string): Promise<void> {
    await this.audit.record(actor, 'change', 'citizen', citizenIds, detail);
  }

  private assertMayRead(actor: Actor, record: RequestRecord): void {
    if (!mayReadRequest(actor.scope, record))
      throw new IrisError('FORBIDDEN', `La demande ${record.reference} n'est pas adressée à votre service.`);
  }

  private assertMayFind(actor: Actor): void {
    if (!mayFindCitizens(actor.scope))
      throw new IrisError('FORBIDDEN', 'La recherche dans le fichier des citoyens est réservée au front office.');
  }
}

function forbiddenFiche(citizenId: string): IrisError {
  return new IrisError('FORBIDDEN', `La fiche ${citizenId} ne concerne aucune demande de votre service.`);
}
