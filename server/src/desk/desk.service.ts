import { Inject, Injectable } from '@nestjs/common';
import {
  assertClosable,
  DeskError,
  deskEventId,
  deskFigures,
  deskReasonById,
  deskTicketId,
  formatTicketNumber,
  parisDayKey,
  type DeskEvent,
  type DeskFigures,
  type DeskReason,
  type DeskTicket,
  type PublicDisplayBoard,
  type TakenTicket,
} from '@iris/shared';
import { IngestService } from '../events/ingest.service.js';
import { Clock } from '../health/clock.js';
import { DeskTicketsRepository } from './desk-tickets.repository.js';
import { dayOfTicket } from './desk-queue.projection.js';
import { DESK_OPTIONS, type DeskOptions } from './desk-options.js';

/** Numbers tried when the day's counter hands out numbers already used (counter lost). */
const MAX_NUMBER_ATTEMPTS = 1000;

/** How long closing a ticket waits for its call to be projected: 10 × 100 ms. */
const PROJECTION_GRACE_ATTEMPTS = 10;
const PROJECTION_GRACE_STEP_MS = 100;

export type { PublicDisplayBoard, TakenTicket } from '@iris/shared';

/**
 * The desk queue's commands and queries. Every change is an event through ingest; the
 * projection (DeskQueueProjection) turns them into tickets. Deterministic ids make each
 * command safe to retry, and they double as the lock when two agents call at once: the
 * second "called #1" of a ticket is a duplicate, so that agent gets the next ticket.
 */
@Injectable()
export class DeskService {
  constructor(
    @Inject(IngestService) private readonly ingest: IngestService,
    @Inject(DeskTicketsRepository) private readonly tickets: DeskTicketsRepository,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(DESK_OPTIONS) private readonly options: DeskOptions,
  ) {}

  reasons(): ReadonlyArray<DeskReason> {
    return this.options.reasons;
  }

  async takeTicket(reasonId: string, kioskClient: string): Promise<TakenTicket> {
    const reason = deskReasonById(this.options.reasons, reasonId);
    if (!reason) {
      throw new DeskError('DESK_REASON_INVALID', `motif inconnu : ${reasonId}`, {
        known: this.options.reasons.map((r) => r.id),
      });
    }
    const now = this.clock.now();
    const requests = await this.tickets.countKioskRequest(kioskClient, Math.floor(now / 60_000));
    if (requests > this.options.kioskTicketsPerMinute) {
      throw new DeskError(
        'DESK_KIOSK_RATE_LIMITED',
        'Trop de tickets demandés en une minute : merci de patienter un instant.',
      );
    }
    const day = parisDayKey(now);
    const waitingAhead = (await this.tickets.ticketsOfDay(day)).filter((ticket) => ticket.status === 'waiting').length;
    // The number's event id is the ticket id: if the day's counter was ever lost (a Redis
    // restored from an older snapshot), a reused number is a duplicate, so take the next one
    // rather than hand out a ticket that was never recorded.
    for (let attempt = 0; attempt < MAX_NUMBER_ATTEMPTS; attempt += 1) {
      const number = formatTicketNumber(reason.prefix, await this.tickets.nextSequence(day, reason.prefix));
      const ticketId = deskTicketId(day, number);
      const result = await this.ingest.ingest([
        {
          id: deskEventId.taken(ticketId),
          type: 'desk.ticket_taken',
          v: 1,
          at: now,
          source: 'desk',
          data: { ticketId, number, reason: reason.id, day },
        },
      ]);
      if (result.appended === 1)
        return { ticketId, number, reason: reason.id, reasonLabel: reason.label, takenAt: now, waitingAhead };
    }
    throw new DeskError(
      'DESK_NUMBERING_UNAVAILABLE',
      'La numérotation des tickets est momentanément indisponible : adressez-vous à l’accueil.',
    );
  }

  /** Calls the longest-waiting ticket (optionally among some reasons) to a counter; null when nobody waits. */
  async callNext(agentId: string, counter: string, reasons?: ReadonlyArray<string>): Promise<DeskTicket | null> {
    const now = this.clock.now();
    const waiting = (await this.tickets.ticketsOfDay(parisDayKey(now)))
      .filter(
        (ticket) =>
          ticket.status === 'waiting' && (!reasons || reasons.length === 0 || reasons.includes(ticket.reason)),
      )
      .sort((a, b) => a.takenAt - b.takenAt || a.ticketId.localeCompare(b.ticketId));
    for (const ticket of waiting) {
      if (await this.appendCall(ticket, agentId, counter, now)) return this.asCalled(ticket, agentId, counter, now);
      // Another agent called it first (its "called" event has the same id): try the next one.
    }
    return null;
  }

  /** Calls a ticket again (the visitor did not come): the display shows it anew, maybe at another counter. */
  async recall(ticketId: string, agentId: string, counter: string): Promise<DeskTicket> {
    const ticket = await this.existing(ticketId);
    if (ticket.status === 'served' || ticket.status === 'redirected') assertClosable(ticket, ticketId);
    const now = this.clock.now();
    await this.appendCall(ticket, agentId, counter, now);
    return this.asCalled(ticket, agentId, counter, now);
  }

  async markServed(ticketId: string, agentId: string): Promise<DeskTicket> {
    const ticket = assertClosable(await this.calledTicket(ticketId), ticketId);
    const now = this.clock.now();
    await this.append({
      id: deskEventId.served(ticketId),
      type: 'desk.ticket_served',
      v: 1,
      at: now,
      source: 'desk',
      data: { ticketId, agentId, counter: ticket.counter ?? '' },
    });
    return { ...ticket, status: 'served', closedAt: now, agentId };
  }

  async markRedirected(ticketId: string, agentId: string, service: string): Promise<DeskTicket> {
    const ticket = assertClosable(await this.calledTicket(ticketId), ticketId);
    const now = this.clock.now();
    await this.append({
      id: deskEventId.redirected(ticketId),
      type: 'desk.ticket_redirected',
      v: 1,
      at: now,
      source: 'desk',
      data: { ticketId, agentId, counter: ticket.counter ?? '', service },
    });
    return { ...ticket, status: 'redirected', closedAt: now, agentId, redirectedTo: service };
  }

  async figures(): Promise<DeskFigures> {
    const now = this.clock.now();
    const day = parisDayKey(now);
    return deskFigures(day, await this.tickets.ticketsOfDay(day), now);
  }

  async publicDisplay(): Promise<PublicDisplayBoard> {
    const figures = await this.figures();
    return { serverTime: this.clock.now(), lastCalled: figures.lastCalled, waiting: figures.waiting };
  }

  /** Today's tickets, oldest first (the desk agent's list). */
  async ticketsToday(): Promise<DeskTicket[]> {
    return (await this.tickets.ticketsOfDay(parisDayKey(this.clock.now()))).sort((a, b) => a.takenAt - b.takenAt);
  }

  /**
   * The ticket, given a moment to show as called: an agent may press "served" right after
   * "call", before the projector (milliseconds behind the log) applied the call.
   */
  private async calledTicket(ticketId: string): Promise<DeskTicket> {
    let ticket = await this.existing(ticketId);
    for (let attempt = 0; ticket.status === 'waiting' && attempt < PROJECTION_GRACE_ATTEMPTS; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, PROJECTION_GRACE_STEP_MS));
      ticket = await this.existing(ticketId);
    }
    return ticket;
  }

  private async existing(ticketId: string): Promise<DeskTicket> {
    let day: string;
    try {
      day = dayOfTicket(ticketId);
    } catch {
      throw new DeskError('DESK_TICKET_NOT_FOUND', `ticket inconnu : ${ticketId}`);
    }
    const ticket = await this.tickets.ticket(ticketId, day);
    if (!ticket) throw new DeskError('DESK_TICKET_NOT_FOUND', `ticket inconnu : ${ticketId}`);
    return ticket;
  }

  /** true when this call was recorded, false when the same call (same attempt) already was. */
  private async appendCall(ticket: DeskTicket, agentId: string, counter: string, now: number): Promise<boolean> {
    const attempt = ticket.attempts + 1;
    const result = await this.ingest.ingest([
      {
        id: deskEventId.called(ticket.ticketId, attempt),
        type: 'desk.ticket_called',
        v: 1,
        at: now,
        source: 'desk',
        data: { ticketId: ticket.ticketId, number: ticket.number, counter, agentId, attempt },
      },
    ]);
    return result.appended === 1;
  }

  private asCalled(ticket: DeskTicket, agentId: string, counter: string, now: number): DeskTicket {
    return {
      ...ticket,
      status: 'called',
      firstCalledAt: ticket.firstCalledAt ?? now,
      lastCalledAt: now,
      counter,
      agentId,
      attempts: ticket.attempts + 1,
    };
  }

  private async append(event: DeskEvent): Promise<void> {
    await this.ingest.ingest([event]);
  }
}
