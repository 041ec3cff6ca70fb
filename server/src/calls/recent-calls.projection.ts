import { agentIdFromInterface, isShortAbandon, type DomainEvent } from '@iris/shared';
import type { KpiScope, ProjectionKeys } from '../redis/keys.js';
import type { Projection, ProjectionState } from '../projector/projection.js';
import type { StoredEvent } from '../events/stored-event.js';
import { parseRecord, type WaitingRecord } from './call-records.js';
import { queueCallOutcome } from './kpi.projection.js';
import type { RecentCallOutcome, RecentCallRecord } from './recent-call.record.js';

/** How many finished calls each list keeps (per queue, and for the front office). */
export const RECENT_CALLS_CAPACITY = 200;

const OUTCOME_TYPES = ['call.answered', 'call.abandoned', 'call.timed_out', 'call.exited'] as const;

/** Ring fields of a recent-calls hash (see ProjectionKeys.recentCalls). */
export const RECENT_CALLS_NEXT_FIELD = 'next';
export function recentCallSlotField(seq: number, capacity: number): string {
  return `s:${seq % capacity}`;
}
function indexField(queue: string, callId: string): string {
  return `i:${queue}|${callId}`;
}

/**
 * The last finished queue calls, per queue and for the whole front office, newest first:
 * a capped ring in one hash per list, so a list never grows past its capacity and an
 * overwritten slot takes its index entry with it.
 *
 * A queue call enters the lists when it leaves the queue (its outcome event); an answered
 * call gets its talk time when the conversation ends. The front-office list holds queue
 * calls (a call transferred from one queue to another appears once per queue it visited).
 *
 * Must be registered BEFORE QueueStateProjection: it reads the caller's number from the
 * waiting record, which QueueStateProjection removes on the same outcome event.
 */
export class RecentCallsProjection implements Projection {
  readonly name = 'calls.recent';
  readonly eventTypes = [...OUTCOME_TYPES, 'call.ended'];
  readonly capacity: number;

  constructor(options: { capacity?: number } = {}) {
    this.capacity = options.capacity ?? RECENT_CALLS_CAPACITY;
    if (!Number.isInteger(this.capacity) || this.capacity < 1)
      throw new Error(`recent calls capacity must be a positive integer, got ${this.capacity}`);
  }

  readsFor(stored: StoredEvent['event'], keys: ProjectionKeys): string[] {
    const queue = (stored as Extract<DomainEvent, { type: 'call.ended' }>).data.queue;
    const lists = [keys.recentCalls({ queue }), keys.recentCalls('front-office')];
    return stored.type === 'call.ended' ? lists : [...lists, keys.queueWaiting(queue)];
  }

  apply(stored: StoredEvent['event'], state: ProjectionState): void {
    const event = stored as DomainEvent;
    if (event.type === 'call.ended') {
      this.end(event, state);
      return;
    }
    const outcome = queueCallOutcome(event, state.rules.defaultServiceLevelSeconds);
    if (!outcome) return;
    const { queue, callId, linkedId } = (event as Extract<DomainEvent, { type: 'call.abandoned' }>).data;
    requireIds(queue, callId, linkedId, event.type);
    const waiting = parseRecord<WaitingRecord>(state.hget(state.keys.queueWaiting(queue), callId));
    const agent = event.type === 'call.answered' ? event.data.agent : null;
    const entry: Omit<RecentCallRecord, 'seq'> = {
      callId,
      linkedId,
      queue,
      callerNumber: waiting?.callerNumber ?? '',
      outcome: recentOutcome(outcome.kind, outcome.waitSeconds, state.rules.shortAbandonSeconds),
      waitSeconds: outcome.waitSeconds,
      agent: agent ? { id: agentIdFromInterface(agent.interface), name: agent.name } : null,
      talkSeconds: null,
      // The wait Asterisk reports is the truth; the join event may be missing (joined before IRIS ran).
      joinedAt: waiting?.joinedAt ?? event.at - outcome.waitSeconds * 1000,
      leftQueueAt: event.at,
      endedAt: agent ? null : event.at,
    };
    for (const scope of scopesOf(queue)) this.add(state, state.keys.recentCalls(scope), entry);
  }

  private add(state: ProjectionState, key: string, entry: Omit<RecentCallRecord, 'seq'>): void {
    const seq = Number(state.hget(key, RECENT_CALLS_NEXT_FIELD) ?? 0);
    const slot = recentCallSlotField(seq, this.capacity);
    const evicted = parseRecord<RecentCallRecord>(state.hget(key, slot));
    if (evicted) {
      const evictedIndex = indexField(evicted.queue, evicted.callId);
      // A later stay of the same call may own the index entry: only the evicted stay's goes.
      if (state.hget(key, evictedIndex) === String(evicted.seq)) state.hdel(key, evictedIndex);
    }
    state.hset(key, slot, JSON.stringify({ seq, ...entry } satisfies RecentCallRecord));
    state.hset(key, indexField(entry.queue, entry.callId), String(seq));
    state.hset(key, RECENT_CALLS_NEXT_FIELD, String(seq + 1));
  }

  /** The conversation ended: the answered entry gets its talk time and end (if still listed). */
  private end(event: Extract<DomainEvent, { type: 'call.ended' }>, state: ProjectionState): void {
    const { queue, callId, linkedId, talkSeconds } = event.data;
    requireIds(queue, callId, linkedId, event.type);
    for (const scope of scopesOf(queue)) {
      const key = state.keys.recentCalls(scope);
      const seq = state.hget(key, indexField(queue, callId));
      if (seq === undefined) continue;
      const slot = recentCallSlotField(Number(seq), this.capacity);
      const entry = parseRecord<RecentCallRecord>(state.hget(key, slot));
      if (!entry || String(entry.seq) !== seq || entry.outcome !== 'answered' || entry.endedAt !== null) continue;
      const ended: RecentCallRecord = {
        ...entry,
        talkSeconds: Math.max(0, Number(talkSeconds) || 0),
        endedAt: event.at,
      };
      state.hset(key, slot, JSON.stringify(ended));
    }
  }
}

function recentOutcome(
  kind: 'answered' | 'abandoned' | 'timed_out' | 'exited',
  waitSeconds: number,
  shortAbandonSeconds: number,
): RecentCallOutcome {
  if (kind === 'abandoned' && isShortAbandon(waitSeconds, shortAbandonSeconds)) return 'short_abandon';
  return kind;
}

function scopesOf(queue: string): KpiScope[] {
  return [{ queue }, 'front-office'];
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
