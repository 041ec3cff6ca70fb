import {
  bucketExpiresAt,
  bucketsAt,
  countersForOutcome,
  frontOfficeOutcome,
  mergeFrontOfficeOutcome,
  HOUR_BUCKET_RETENTION_MS,
  negateCounters,
  type DomainEvent,
  type FrontOfficeOutcome,
  type KpiCounters,
  type QueueCallOutcome,
} from '@iris/shared';
import type { KpiScope, ProjectionKeys } from '../redis/keys.js';
import type { Projection, ProjectionState } from '../projector/projection.js';
import type { StoredEvent } from '../events/stored-event.js';
import { parseRecord } from './call-records.js';

const OUTCOME_TYPES = ['call.answered', 'call.abandoned', 'call.timed_out', 'call.exited'] as const;

/**
 * How long a call's front-office record is kept (from its last outcome). Redis forgets a
 * key whose expiry is already past when written, so a projector replaying older events
 * (a rebuild, a long catch-up) loses the record between batches: a transferred call whose
 * outcomes fall in two batches would then count twice in the front office. Keeping records
 * as long as hour buckets (13 months) confines that to logs older than the hour buckets
 * themselves. About 150 bytes per call.
 */
const FRONT_OFFICE_CALL_RETENTION_MS = HOUR_BUCKET_RETENTION_MS;

/** Field of a front-office call record (hash per Linkedid): the outcome the call counts as. */
const FO_OUTCOME_FIELD = 'outcome';

/**
 * KPI counters in time buckets (minute, hour, Paris day), per queue and for the front
 * office. A queue call counts once, in the buckets of the moment its outcome is known;
 * the front office counts each inbound call (Linkedid) once, answered if any queue answered
 * it (shared/kpi/front-office.ts). A fact seen twice is caught by ingest (deterministic
 * ids; the AMI normaliser gives the four outcomes of one stay in a queue one id), so every
 * outcome reaching this projection counts. A channel may enter the same queue twice (two
 * stays, same callId): both count, as Asterisk's queue_log does.
 */
export class KpiProjection implements Projection {
  readonly name = 'calls.kpi';
  readonly eventTypes = [...OUTCOME_TYPES, 'call.ended'];

  readsFor(stored: StoredEvent['event'], keys: ProjectionKeys): string[] {
    if (stored.type === 'call.ended') return [];
    return [keys.frontOfficeCall((stored as Extract<DomainEvent, { type: 'call.answered' }>).data.linkedId)];
  }

  apply(stored: StoredEvent['event'], state: ProjectionState): void {
    const event = stored as DomainEvent;
    if (event.type === 'call.ended') {
      this.countEnd(event, state);
      return;
    }
    const outcome = queueCallOutcome(event, state.rules.defaultServiceLevelSeconds);
    if (!outcome) return;
    const { queue, callId, linkedId } = (event as Extract<DomainEvent, { type: 'call.abandoned' }>).data;
    requireIds(queue, callId, linkedId, event.type);
    const record = state.keys.frontOfficeCall(linkedId);
    addToBuckets(state, { queue }, event.at, countersForOutcome(outcome, state.rules.shortAbandonSeconds));

    const previous = parseRecord<FrontOfficeOutcome>(state.hget(record, FO_OUTCOME_FIELD));
    const change = mergeFrontOfficeOutcome(
      previous,
      frontOfficeOutcome(outcome, event.at, state.rules.shortAbandonSeconds),
    );
    if (change.retract) addToBuckets(state, 'front-office', change.retract.at, negateCounters(change.retract.counters));
    if (change.count) addToBuckets(state, 'front-office', change.count.at, change.count.counters);

    state.hset(record, FO_OUTCOME_FIELD, JSON.stringify(change.current));
    state.expireAt(record, event.at + FRONT_OFFICE_CALL_RETENTION_MS);
    state.changed({ kpis: true, queues: [queue] });
  }

  /** A completed conversation: its talk time feeds AHT, in the queue and the front office. */
  private countEnd(event: Extract<DomainEvent, { type: 'call.ended' }>, state: ProjectionState): void {
    const { queue, callId, linkedId, talkSeconds } = event.data;
    requireIds(queue, callId, linkedId, event.type);
    const counters: Partial<KpiCounters> = { completed: 1, talkSeconds: Math.max(0, talkSeconds) };
    addToBuckets(state, { queue }, event.at, counters);
    addToBuckets(state, 'front-office', event.at, counters);
    state.changed({ kpis: true, queues: [queue] });
  }
}

/** The KPI outcome an event states, or null when it is not an outcome. */
export function queueCallOutcome(event: DomainEvent, defaultServiceLevelSeconds: number): QueueCallOutcome | null {
  switch (event.type) {
    case 'call.answered':
      return {
        kind: 'answered',
        waitSeconds: requireSeconds(event.data.holdSeconds, 'holdSeconds'),
        serviceLevelSeconds:
          event.data.serviceLevelSeconds > 0 ? event.data.serviceLevelSeconds : defaultServiceLevelSeconds,
      };
    case 'call.abandoned':
      return { kind: 'abandoned', waitSeconds: requireSeconds(event.data.waitSeconds, 'waitSeconds') };
    case 'call.timed_out':
      return { kind: 'timed_out', waitSeconds: requireSeconds(event.data.waitSeconds, 'waitSeconds') };
    case 'call.exited':
      return { kind: 'exited', waitSeconds: requireSeconds(event.data.waitSeconds, 'waitSeconds') };
    default:
      return null;
  }
}

function requireSeconds(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
    throw new Error(`${name} must be a number of seconds >= 0, got ${JSON.stringify(value)}`);
  return value;
}

function requireIds(queue: unknown, callId: unknown, linkedId: unknown, type: string): void {
  for (const [name, value] of [
    ['queue', queue],
    ['callId', callId],
    ['linkedId', linkedId],
  ] as const) {
    if (typeof value !== 'string' || value.length === 0) throw new Error(`${type} without ${name}`);
  }
}

function addToBuckets(state: ProjectionState, scope: KpiScope, at: number, counters: Partial<KpiCounters>): void {
  for (const bucket of bucketsAt(at)) {
    const key = state.keys.kpiBucket(scope, bucket.granularity, bucket.id);
    for (const [field, value] of Object.entries(counters)) if (value) state.hincrBy(key, field, value);
    const expiresAt = bucketExpiresAt(bucket);
    if (expiresAt !== null) state.expireAt(key, expiresAt);
  }
}
