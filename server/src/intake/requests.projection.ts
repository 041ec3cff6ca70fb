import { evolveRequest, isRequestEvent, parisDayKey, REQUEST_EVENT_TYPES, type RequestRecord } from '@iris/shared';
import type { ProjectionKeys } from '../redis/keys.js';
import type { Projection, ProjectionState } from '../projector/projection.js';
import type { StoredEvent } from '../events/stored-event.js';

/** What a service's inbox lists for one request (the full record is one read away). */
export interface InboxLine {
  readonly reference: string;
  readonly subject: string;
  readonly channel: RequestRecord['channel'];
  readonly category: string | null;
  readonly status: RequestRecord['status'];
  readonly receivedAt: number;
  readonly dueAt: number | null;
  readonly citizenId: string | null;
}

export function inboxLine(record: RequestRecord): InboxLine {
  return {
    reference: record.reference,
    subject: record.subject,
    channel: record.channel,
    category: record.category,
    status: record.status,
    receivedAt: record.receivedAt,
    dueAt: record.dueAt,
    citizenId: record.citizenId,
  };
}

/**
 * Folds request.* events into one hash per request (the record, with its history), each
 * service's inbox, the citizen's list of requests, intake per channel and Paris day,
 * mis-routes per category, and the categories agents confirmed (the classifier's lessons).
 */
export class RequestsProjection implements Projection {
  readonly name = 'requests';
  readonly eventTypes = REQUEST_EVENT_TYPES;

  readsFor(event: StoredEvent['event'], keys: ProjectionKeys): ReadonlyArray<string> {
    return isRequestEvent(event) ? [keys.request(event.data.reference)] : [];
  }

  apply(event: StoredEvent['event'], state: ProjectionState): void {
    if (!isRequestEvent(event)) return;
    const keys = state.keys;
    const recordKey = keys.request(event.data.reference);
    const stored = state.hget(recordKey, 'record');
    const current = stored === undefined ? undefined : (JSON.parse(stored) as RequestRecord);
    const next = evolveRequest(current, event);
    if (next === current) return;
    state.hset(recordKey, 'record', JSON.stringify(next));
    state.changed({ requests: true });

    switch (event.type) {
      case 'request.received':
        state.hincrBy(keys.intakeDay(parisDayKey(event.at)), next.channel, 1);
        state.hincrBy(keys.intakeTotals(), `${next.channel}|`, 1);
        if (next.citizenId) state.hset(keys.citizenRequests(next.citizenId), next.reference, String(next.receivedAt));
        break;
      case 'request.routed':
        // Counted once, under the service it was first routed to (re-routes are counted as mis-routes).
        if (current && !current.history.some((step) => step.type === 'request.routed')) {
          state.hincrBy(keys.intakeTotals(), `${next.channel}|`, -1);
          state.hincrBy(keys.intakeTotals(), `${next.channel}|${event.data.service}`, 1);
        }
        break;
      case 'request.qualified':
        if (event.data.method === 'agent') {
          state.hset(
            keys.classifierExamples(),
            next.reference,
            JSON.stringify({ text: `${next.subject}\n${next.text}`, category: event.data.category }),
          );
        }
        break;
      case 'request.rerouted':
        state.hdel(keys.serviceInbox(event.data.fromService), next.reference);
        state.hincrBy(keys.misroutes(), event.data.fromCategory, 1);
        // The corrected category is a lesson for the classifier too.
        state.hset(
          keys.classifierExamples(),
          next.reference,
          JSON.stringify({ text: `${next.subject}\n${next.text}`, category: event.data.toCategory }),
        );
        break;
      case 'request.closed':
        if (next.service) state.hdel(keys.serviceInbox(next.service), next.reference);
        return;
      default:
        break;
    }
    if (next.service && next.status !== 'closed' && (next.status === 'routed' || next.status === 'answered')) {
      state.hset(keys.serviceInbox(next.service), next.reference, JSON.stringify(inboxLine(next)));
    }
  }
}
