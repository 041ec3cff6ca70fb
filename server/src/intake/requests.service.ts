import { Inject, Injectable } from '@nestjs/common';
import {
  addWorkingDays,
  IrisError,
  parisParts,
  type AttachmentRef,
  type DomainEvent,
  type IdentityClues,
  type RequestChannel,
  type RequestEvent,
  type RequestMessage,
  type RequestRecord,
} from '@iris/shared';
import { IngestService } from '../events/ingest.service.js';
import { Clock } from '../health/clock.js';
import { CitizensService, normaliseClues } from '../citizens/citizens.service.js';
import { CatalogueService } from '../routing/catalogue.service.js';
import { QualificationService, type Suggestion } from '../routing/qualification.service.js';
import { INTAKE_OPTIONS, type IntakeOptions } from './intake-options.js';
import { RequestsRepository } from './requests.repository.js';

/** A request as any channel hands it in. */
export interface NewRequest {
  readonly channel: RequestChannel;
  /** The channel's own id of the fact: Message-ID, SMS id, desk ticket, call id, scan digest. */
  readonly sourceRef: string;
  readonly subject: string;
  readonly text: string;
  readonly clues: IdentityClues;
  readonly recordedBy: string;
  readonly attachments?: readonly AttachmentRef[];
  readonly message?: RequestMessage | null;
  /** Subject shown when the request has none of its own (not used for the suggestion). */
  readonly defaultSubject?: string;
}

export interface ReceivedRequest {
  readonly reference: string;
  /** The same source was already recorded (a redelivery): nothing new was stored. */
  readonly duplicate: boolean;
  readonly citizenId: string | null;
  readonly suggestion: Suggestion | null;
  /** The service it was routed to at once (confidence above the threshold), else null: it waits for an agent. */
  readonly routedTo: string | null;
}

/**
 * The one way a request enters IRIS, whatever the channel: a reference (once per source),
 * the citizen recognised or opened, a suggested category, and automatic routing when the
 * suggestion is confident enough. All of it is one atomic append of events.
 */
@Injectable()
export class RequestsService {
  constructor(
    @Inject(RequestsRepository) private readonly requests: RequestsRepository,
    @Inject(CitizensService) private readonly citizens: CitizensService,
    @Inject(QualificationService) private readonly qualification: QualificationService,
    @Inject(CatalogueService) private readonly catalogue: CatalogueService,
    @Inject(IngestService) private readonly ingest: IngestService,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(INTAKE_OPTIONS) private readonly options: IntakeOptions,
  ) {}

  async receive(input: NewRequest): Promise<ReceivedRequest> {
    const subject =
      input.subject.trim() || input.text.trim().split('\n')[0]!.slice(0, 120) || input.defaultSubject || '(sans objet)';
    const at = this.clock.now();
    const { reference, isNew } = await this.requests.allocateReference(input.sourceRef, parisParts(at).year);
    if (!isNew) {
      const existing = await this.requests.get(reference);
      // Allocated but never stored (a crash in between): go on and store it now, same ids.
      if (existing)
        return {
          reference,
          duplicate: true,
          citizenId: existing.citizenId,
          suggestion: null,
          routedTo: existing.service,
        };
    }
    const resolution = await this.citizens.resolve(input.clues, input.sourceRef, at, input.recordedBy);
    const suggestion = await this.qualification.suggest(`${input.subject}\n${input.text}`);
    const contact = normaliseClues(input.clues);
    const events: DomainEvent[] = [
      ...resolution.events,
      {
        id: `request.received:${reference}`,
        type: 'request.received',
        v: 1,
        at,
        source: 'intake',
        data: {
          reference,
          channel: input.channel,
          citizenId: resolution.citizenId,
          subject,
          text: input.text,
          attachments: input.attachments ?? [],
          sourceRef: input.sourceRef,
          message: input.message ?? null,
          recordedBy: input.recordedBy,
          contact: { email: contact.emails[0] ?? null, phone: contact.phones[0] ?? null, name: contact.fullName },
          suggestion: suggestion
            ? { category: suggestion.category, confidence: suggestion.confidence, method: suggestion.method }
            : null,
        },
      },
    ];
    let routedTo: string | null = null;
    if (suggestion && suggestion.confidence >= this.options.autoRouteThreshold) {
      const service = await this.catalogue.service(suggestion.service);
      routedTo = service.id;
      events.push(
        {
          id: `request.qualified:${reference}:auto`,
          type: 'request.qualified',
          v: 1,
          at,
          source: 'iris',
          data: {
            reference,
            category: suggestion.category,
            service: service.id,
            confidence: suggestion.confidence,
            method: suggestion.method,
            qualifiedBy: 'iris',
            suggestedCategory: suggestion.category,
          },
        },
        {
          id: `request.routed:${reference}:auto`,
          type: 'request.routed',
          v: 1,
          at,
          source: 'iris',
          data: {
            reference,
            service: service.id,
            category: suggestion.category,
            automatic: true,
            routedBy: 'iris',
            dueAt: addWorkingDays(at, service.responseDays),
          },
        },
      );
    }
    await this.ingest.ingest(events);
    return { reference, duplicate: false, citizenId: resolution.citizenId, suggestion, routedTo };
  }

  /**
   * An answered call opens a phone request at once (one per call: the call id is the
   * source), filed on the caller recognised from the caller ID; the agent describes and
   * qualifies it during or after the call.
   */
  openCall(callId: string, callerNumber: string, agent: string): Promise<ReceivedRequest> {
    return this.receive({
      channel: 'phone',
      sourceRef: `phone:${callId}`,
      subject: '',
      defaultSubject: 'Appel entrant',
      text: '',
      clues: { phone: callerNumber },
      recordedBy: agent,
    });
  }

  /** The agent writes down the request (before it is routed); the suggestion is recomputed from the words. */
  async describe(reference: string, subject: string, text: string, describedBy: string): Promise<Suggestion | null> {
    const record = await this.open(reference);
    if (record.status !== 'received' && record.status !== 'qualified') {
      throw new IrisError(
        'REQUEST_CONFLICT',
        `La demande ${reference} est déjà transmise : ajouter un message plutôt que la réécrire.`,
      );
    }
    const suggestion = await this.qualification.suggest(`${subject}\n${text}`);
    await this.append(record, {
      type: 'request.described',
      data: {
        reference,
        subject: subject.trim() || record.subject,
        text,
        describedBy,
        suggestion: suggestion
          ? { category: suggestion.category, confidence: suggestion.confidence, method: suggestion.method }
          : null,
      },
    });
    return suggestion;
  }

  /** Adds a message to a request's thread (a citizen's reply, or what IRIS sent); idempotent by message id. */
  async addMessage(reference: string, message: RequestMessage): Promise<void> {
    await this.requests.linkSource(message.messageId, reference);
    await this.ingest.ingest([
      {
        id: `request.message_added:${message.messageId}`,
        type: 'request.message_added',
        v: 1,
        at: message.at,
        source: message.direction === 'in' ? 'intake' : 'iris',
        data: { reference, message },
      },
    ]);
  }

  async get(reference: string): Promise<RequestRecord> {
    const record = await this.requests.get(reference);
    if (!record) throw new IrisError('REQUEST_NOT_FOUND', `Demande inconnue : ${reference}`);
    return record;
  }

  /** The request was answered: at first level by the front office, or by the expert service. */
  async answer(reference: string, answeredBy: string, firstLevel: boolean): Promise<void> {
    const record = await this.open(reference);
    await this.append(record, { type: 'request.answered', data: { reference, answeredBy, firstLevel } });
  }

  async close(reference: string, closedBy: string, reason: string): Promise<void> {
    const record = await this.open(reference);
    await this.append(record, {
      type: 'request.closed',
      data: { reference, closedBy, reason: reason.trim() || 'traitée' },
    });
  }

  /** A request that may still change; closed ones are history. */
  async open(reference: string): Promise<RequestRecord> {
    const record = await this.get(reference);
    if (record.status === 'closed') throw new IrisError('REQUEST_CONFLICT', `La demande ${reference} est clôturée.`);
    return record;
  }

  /**
   * Appends a step decided by a person. Its id carries the record's version (history
   * length), so a double click is one step, and of two agents acting on the same version
   * only the first counts: the second is told to reload.
   */
  async append(record: RequestRecord, ...steps: Array<Pick<RequestEvent, 'type' | 'data'>>): Promise<void> {
    const at = this.clock.now();
    const events = steps.map(
      (step, i) =>
        ({
          id: `${step.type}:${record.reference}:h${record.history.length + i}`,
          v: 1,
          at,
          source: 'iris',
          ...step,
        }) as RequestEvent,
    );
    const result = await this.ingest.ingest(events);
    if (result.appended === 0) {
      throw new IrisError(
        'REQUEST_CONFLICT',
        `La demande ${record.reference} vient d'être modifiée : recharger la fiche avant de recommencer.`,
      );
    }
  }
}
