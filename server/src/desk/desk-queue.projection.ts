import { dayBounds, DESK_EVENT_TYPES, evolveDeskTicket, isDeskEvent, type DeskTicket } from '@iris/shared';
import type { ProjectionKeys } from '../redis/keys.js';
import type { Projection, ProjectionState } from '../projector/projection.js';
import type { StoredEvent } from '../events/stored-event.js';

/** Desk tickets are kept 35 days after their day (monthly figures), then expire. */
const TICKET_RETENTION_MS = 35 * 24 * 3600 * 1000;

/** The day part of a ticket id (`2026-11-28:A-042` -> `2026-11-28`). */
export function dayOfTicket(ticketId: string): string {
  const day = ticketId.split(':')[0] ?? '';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day))
    throw new Error(`ticket id ${JSON.stringify(ticketId)} does not start with a day`);
  return day;
}

/**
 * Folds desk events into one hash per Paris day: ticketId -> JSON ticket. The fold is the
 * shared, idempotent `evolveDeskTicket`, so a replay or a rebuild writes the same tickets.
 */
export class DeskQueueProjection implements Projection {
  readonly name = 'desk-queue';
  readonly eventTypes = DESK_EVENT_TYPES;

  readsFor(event: StoredEvent['event'], keys: ProjectionKeys): ReadonlyArray<string> {
    if (!isDeskEvent(event)) return [];
    return [keys.deskTickets(dayOfTicket(event.data.ticketId))];
  }

  apply(event: StoredEvent['event'], state: ProjectionState): void {
    if (!isDeskEvent(event)) return;
    const ticketId = event.data.ticketId;
    const key = state.keys.deskTickets(dayOfTicket(ticketId));
    const stored = state.hget(key, ticketId);
    const current = stored === undefined ? undefined : (JSON.parse(stored) as DeskTicket);
    const next = evolveDeskTicket(current, event);
    if (!next) throw new Error(`${event.type} for unknown ticket ${ticketId}`);
    if (next === current) return;
    state.hset(key, ticketId, JSON.stringify(next));
    state.expireAt(key, dayBounds(next.day).to + TICKET_RETENTION_MS);
    state.changed({ desk: true });
  }
}
