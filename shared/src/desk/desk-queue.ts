import type { DeskEvent } from './desk-events.js';
import { DeskError } from './desk-error.js';

/**
 * One ticket's life, folded from its events. `evolveDeskTicket` is idempotent (the same
 * event applied twice leaves the same ticket) so a replayed log never double counts.
 */
export type DeskTicketStatus = 'waiting' | 'called' | 'served' | 'redirected';

export interface DeskTicket {
  readonly ticketId: string;
  readonly number: string;
  readonly reason: string;
  readonly day: string;
  readonly takenAt: number;
  readonly status: DeskTicketStatus;
  /** First call: the desk wait ends here. */
  readonly firstCalledAt: number | null;
  readonly lastCalledAt: number | null;
  readonly counter: string | null;
  readonly agentId: string | null;
  readonly attempts: number;
  readonly closedAt: number | null;
  readonly redirectedTo: string | null;
}

export function evolveDeskTicket(ticket: DeskTicket | undefined, event: DeskEvent): DeskTicket | undefined {
  switch (event.type) {
    case 'desk.ticket_taken':
      // A ticket is created once; a replayed "taken" must not reset a ticket already called.
      return (
        ticket ?? {
          ticketId: event.data.ticketId,
          number: event.data.number,
          reason: event.data.reason,
          day: event.data.day,
          takenAt: event.at,
          status: 'waiting',
          firstCalledAt: null,
          lastCalledAt: null,
          counter: null,
          agentId: null,
          attempts: 0,
          closedAt: null,
          redirectedTo: null,
        }
      );
    case 'desk.ticket_called':
      if (!ticket || isClosed(ticket) || event.data.attempt <= ticket.attempts) return ticket;
      return {
        ...ticket,
        status: 'called',
        firstCalledAt: ticket.firstCalledAt ?? event.at,
        lastCalledAt: event.at,
        counter: event.data.counter,
        agentId: event.data.agentId,
        attempts: event.data.attempt,
      };
    case 'desk.ticket_served':
      if (!ticket || isClosed(ticket)) return ticket;
      // The counter stays the one the ticket was called to: that is what the display showed.
      return { ...ticket, status: 'served', closedAt: event.at, agentId: event.data.agentId };
    case 'desk.ticket_redirected':
      if (!ticket || isClosed(ticket)) return ticket;
      return {
        ...ticket,
        status: 'redirected',
        closedAt: event.at,
        agentId: event.data.agentId,
        redirectedTo: event.data.service,
      };
    default:
      return assertNeverDesk(event);
  }
}

function assertNeverDesk(value: never): never {
  throw new Error(`unhandled desk event: ${JSON.stringify(value)}`);
}

export function isClosed(ticket: DeskTicket): boolean {
  return ticket.status === 'served' || ticket.status === 'redirected';
}

/** The ticket to call next: the longest waiting one, optionally among some reasons only. */
export function nextTicketToCall(tickets: Iterable<DeskTicket>, reasons?: ReadonlyArray<string>): DeskTicket | null {
  let next: DeskTicket | null = null;
  for (const ticket of tickets) {
    if (ticket.status !== 'waiting') continue;
    if (reasons && reasons.length > 0 && !reasons.includes(ticket.reason)) continue;
    if (!next || ticket.takenAt < next.takenAt || (ticket.takenAt === next.takenAt && ticket.ticketId < next.ticketId))
      next = ticket;
  }
  return next;
}

/** Checks that an agent may close this ticket; throws a coded DeskError otherwise. */
export function assertClosable(ticket: DeskTicket | undefined, ticketId: string): DeskTicket {
  if (!ticket) throw new DeskError('DESK_TICKET_NOT_FOUND', `ticket inconnu : ${ticketId}`);
  if (isClosed(ticket))
    throw new DeskError(
      'DESK_TICKET_CLOSED_CONFLICT',
      `le ticket ${ticket.number} est déjà ${ticket.status === 'served' ? 'servi' : 'réorienté'}`,
    );
  if (ticket.status !== 'called')
    throw new DeskError('DESK_TICKET_WAITING_CONFLICT', `le ticket ${ticket.number} n'a pas encore été appelé`);
  return ticket;
}

export interface DeskReasonFigures {
  readonly waiting: number;
  readonly served: number;
  readonly redirected: number;
  /** null when nobody of this reason has been called yet today. */
  readonly meanWaitSeconds: number | null;
  /** takenAt of the oldest waiting ticket (the screen ticks now − since itself), null if none. */
  readonly oldestWaitingSince: number | null;
}

export interface CalledTicketView {
  readonly ticketId: string;
  readonly number: string;
  readonly counter: string;
  readonly calledAt: number;
}

/** What the kiosk shows once a ticket is taken (POST /api/desk/tickets). */
export interface TakenTicket {
  readonly ticketId: string;
  readonly number: string;
  readonly reason: string;
  readonly reasonLabel: string;
  readonly takenAt: number;
  /** Visitors already waiting before this one (as projected when the ticket was taken). */
  readonly waitingAhead: number;
}

/** What the public display in the hall shows (GET /api/desk/display). */
export interface PublicDisplayBoard {
  readonly serverTime: number;
  readonly lastCalled: ReadonlyArray<CalledTicketView>;
  readonly waiting: number;
}

/** The desk's live figures for one Paris day. */
export interface DeskFigures {
  readonly day: string;
  readonly waiting: number;
  readonly oldestWaitingSince: number | null;
  /** Called and not yet closed: visitors at a counter now. */
  readonly inService: number;
  readonly served: number;
  readonly redirected: number;
  readonly meanWaitSeconds: number | null;
  /** Mean time at the counter (last call to served/redirected) of today's closed tickets; null if none. */
  readonly meanServiceSeconds: number | null;
  readonly takenLast15Minutes: number;
  readonly perReason: Readonly<Record<string, DeskReasonFigures>>;
  /** Most recent calls first, for the public display. */
  readonly lastCalled: ReadonlyArray<CalledTicketView>;
}

export const LAST_CALLED_SHOWN = 6;

export function deskFigures(day: string, tickets: Iterable<DeskTicket>, now: number): DeskFigures {
  const all = [...tickets].filter((ticket) => ticket.day === day);
  const reasons = new Set(all.map((ticket) => ticket.reason));
  const perReason: Record<string, DeskReasonFigures> = {};
  for (const reason of [...reasons].sort())
    perReason[reason] = summarise(all.filter((ticket) => ticket.reason === reason));
  const total = summarise(all);
  const lastCalled = all
    .filter((ticket) => ticket.lastCalledAt !== null && ticket.counter !== null)
    .sort((a, b) => b.lastCalledAt! - a.lastCalledAt! || (a.ticketId < b.ticketId ? 1 : -1))
    .slice(0, LAST_CALLED_SHOWN)
    .map((ticket) => ({
      ticketId: ticket.ticketId,
      number: ticket.number,
      counter: ticket.counter!,
      calledAt: ticket.lastCalledAt!,
    }));
  return {
    day,
    waiting: total.waiting,
    oldestWaitingSince: total.oldestWaitingSince,
    inService: all.filter((ticket) => ticket.status === 'called').length,
    served: total.served,
    redirected: total.redirected,
    meanWaitSeconds: total.meanWaitSeconds,
    meanServiceSeconds: meanServiceSeconds(all),
    takenLast15Minutes: all.filter((ticket) => ticket.takenAt > now - 15 * 60_000 && ticket.takenAt <= now).length,
    perReason,
    lastCalled,
  };
}

function meanServiceSeconds(tickets: ReadonlyArray<DeskTicket>): number | null {
  const closed = tickets.filter((ticket) => ticket.closedAt !== null && ticket.lastCalledAt !== null);
  if (closed.length === 0) return null;
  const totalMs = closed.reduce((sum, ticket) => sum + (ticket.closedAt! - ticket.lastCalledAt!), 0);
  return Math.round(totalMs / closed.length / 1000);
}

function summarise(tickets: ReadonlyArray<DeskTicket>): DeskReasonFigures {
  let waiting = 0;
  let served = 0;
  let redirected = 0;
  let waitMsTotal = 0;
  let waitCount = 0;
  let oldest: number | null = null;
  for (const ticket of tickets) {
    if (ticket.status === 'waiting') {
      waiting += 1;
      oldest = oldest === null ? ticket.takenAt : Math.min(oldest, ticket.takenAt);
    }
    if (ticket.status === 'served') served += 1;
    if (ticket.status === 'redirected') redirected += 1;
    if (ticket.firstCalledAt !== null) {
      waitMsTotal += ticket.firstCalledAt - ticket.takenAt;
      waitCount += 1;
    }
  }
  return {
    waiting,
    served,
    redirected,
    meanWaitSeconds: waitCount === 0 ? null : Math.round(waitMsTotal / waitCount / 1000),
    oldestWaitingSince: oldest,
  };
}
