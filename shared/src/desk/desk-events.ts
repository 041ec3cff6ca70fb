import type { EventEnvelope } from '../events/domain-event.js';

/**
 * Desk queue events (source `desk`). Ticket ids are `<parisDay>:<number>` (e.g.
 * `2026-11-28:A-042`): numbers restart every day at midnight Paris, so the day makes them unique.
 */

/** A visitor took a ticket at the kiosk. */
export type DeskTicketTaken = EventEnvelope<
  'desk.ticket_taken',
  {
    readonly ticketId: string;
    /** What the visitor sees, e.g. `A-042`. */
    readonly number: string;
    readonly reason: string;
    /** Paris calendar day, YYYY-MM-DD. */
    readonly day: string;
  }
>;

/** A desk agent called the ticket to a counter (again, for a recall: `attempt` grows). */
export type DeskTicketCalled = EventEnvelope<
  'desk.ticket_called',
  {
    readonly ticketId: string;
    readonly number: string;
    readonly counter: string;
    readonly agentId: string;
    readonly attempt: number;
  }
>;

/** The visitor was served at the desk. */
export type DeskTicketServed = EventEnvelope<
  'desk.ticket_served',
  { readonly ticketId: string; readonly agentId: string; readonly counter: string }
>;

/** The visitor was sent on to an expert service. */
export type DeskTicketRedirected = EventEnvelope<
  'desk.ticket_redirected',
  { readonly ticketId: string; readonly agentId: string; readonly counter: string; readonly service: string }
>;

export type DeskEvent = DeskTicketTaken | DeskTicketCalled | DeskTicketServed | DeskTicketRedirected;

export const DESK_EVENT_TYPES: ReadonlyArray<DeskEvent['type']> = [
  'desk.ticket_taken',
  'desk.ticket_called',
  'desk.ticket_served',
  'desk.ticket_redirected',
];

export function isDeskEvent(event: { type: string }): event is DeskEvent {
  return (DESK_EVENT_TYPES as readonly string[]).includes(event.type);
}

/** Deterministic ids: one fact about one ticket, one id (a retried request is deduplicated). */
export const deskEventId = {
  taken: (ticketId: string): string => `desk:taken:${ticketId}`,
  called: (ticketId: string, attempt: number): string => `desk:called:${ticketId}:${attempt}`,
  served: (ticketId: string): string => `desk:served:${ticketId}`,
  redirected: (ticketId: string): string => `desk:redirected:${ticketId}`,
};
