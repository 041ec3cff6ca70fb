import { agentIdFromInterface, type DomainEvent, type MemberStatus, type QueueSnapshot } from '@iris/shared';
import type { ProjectionKeys } from '../redis/keys.js';
import type { Projection, ProjectionState } from '../projector/projection.js';
import type { StoredEvent } from '../events/stored-event.js';
import {
  memberRecordFromStatus,
  parseRecord,
  parseRecords,
  type CallInProgressRecord,
  type MemberRecord,
  type QueueMetaRecord,
  type WaitingRecord,
} from './call-records.js';

const CALL_TYPES = [
  'call.queued',
  'call.ringing',
  'call.ring_no_answer',
  'call.answered',
  'call.ended',
  'call.abandoned',
  'call.timed_out',
  'call.exited',
  'call.transferred',
] as const;
const MEMBER_TYPES = [
  'member.added',
  'member.removed',
  'member.paused',
  'member.unpaused',
  'member.device_state',
  'member.penalty_changed',
] as const;

/**
 * Activity that Asterisk writes to its queue_log (calls and member management, not device
 * states or QueueStatus snapshots): a queue with such activity in a period is listed in
 * that period's per-queue figures, even with nothing offered (as in the captures' truth).
 */
const QUEUE_ACTIVITY_TYPES: ReadonlySet<string> = new Set([
  ...CALL_TYPES,
  'member.added',
  'member.removed',
  'member.paused',
  'member.unpaused',
  'member.penalty_changed',
]);

/**
 * Live state per queue: who waits (join time, position), members (device state, pause and
 * reason), calls in progress, service-level seconds. `telephony.snapshot` resynchronises
 * members and waiting callers after a (re)connect; `telephony.gap` is recorded for display.
 */
export class QueueStateProjection implements Projection {
  readonly name = 'calls.queue-state';
  readonly eventTypes = [...CALL_TYPES, ...MEMBER_TYPES, 'telephony.snapshot', 'telephony.gap'];

  readsFor(stored: StoredEvent['event'], keys: ProjectionKeys): string[] {
    const event = stored as DomainEvent;
    if (event.type === 'telephony.gap') return [];
    const queues =
      event.type === 'telephony.snapshot'
        ? event.data.queues.map((q) => q.queue)
        : [(event.data as { queue: string }).queue];
    return [
      keys.queues(),
      keys.queueActivity(),
      ...queues.flatMap((q) => [keys.queueWaiting(q), keys.queueMembers(q), keys.queueCalls(q)]),
    ];
  }

  apply(stored: StoredEvent['event'], state: ProjectionState): void {
    const event = stored as DomainEvent;
    const keys = state.keys;
    if (event.type === 'telephony.snapshot') {
      for (const snapshot of event.data.queues) this.resync(snapshot, event.at, state);
      state.changed({ queues: event.data.queues.map((q) => q.queue) });
      return;
    }
    if (event.type === 'telephony.gap') {
      state.hset(keys.telephonyGaps(), event.id, JSON.stringify({ ...event.data, at: event.at }));
      state.changed({ queues: [event.data.queue] });
      return;
    }
    const queue = (event.data as { queue: string }).queue;
    if (typeof queue !== 'string' || queue.length === 0) throw new Error(`${event.type} without a queue`);
    this.knowQueue(queue, state);
    if (QUEUE_ACTIVITY_TYPES.has(event.type) && state.hget(keys.queueActivity(), queue) === undefined) {
      state.hset(keys.queueActivity(), queue, String(event.at));
    }
    switch (event.type) {
      case 'call.queued': {
        const d = event.data;
        const known = parseRecord<WaitingRecord>(state.hget(keys.queueWaiting(queue), d.callId));
        const record: WaitingRecord = {
          callId: d.callId,
          linkedId: d.linkedId,
          callerNumber: d.callerNumber,
          callerName: d.callerName,
          position: d.position,
          joinedAt: known ? Math.min(known.joinedAt, event.at) : event.at,
        };
        state.hset(keys.queueWaiting(queue), d.callId, JSON.stringify(record));
        break;
      }
      case 'call.answered': {
        const d = event.data;
        const waiting = parseRecord<WaitingRecord>(state.hget(keys.queueWaiting(queue), d.callId));
        this.leaveQueue(queue, d.callId, state);
        const call: CallInProgressRecord = {
          callId: d.callId,
          linkedId: d.linkedId,
          queue,
          agentId: agentIdFromInterface(d.agent.interface),
          agentInterface: d.agent.interface,
          callerNumber: waiting?.callerNumber ?? '',
          answeredAt: event.at,
        };
        state.hset(keys.queueCalls(queue), d.callId, JSON.stringify(call));
        if (d.serviceLevelSeconds > 0) this.setServiceLevel(queue, d.serviceLevelSeconds, state);
        break;
      }
      case 'call.abandoned':
      case 'call.timed_out':
      case 'call.exited':
        this.leaveQueue(queue, event.data.callId, state);
        break;
      case 'call.ended':
        state.hdel(keys.queueCalls(queue), event.data.callId);
        break;
      case 'call.ringing':
      case 'call.ring_no_answer':
      case 'call.transferred':
        // Device states arrive as member.device_state; the transfer's end as call.ended.
        return;
      case 'member.added':
      case 'member.device_state':
        state.hset(
          keys.queueMembers(queue),
          event.data.agent.interface,
          JSON.stringify(memberRecordFromStatus(event.data.agent, event.data.status)),
        );
        break;
      case 'member.removed':
        state.hdel(keys.queueMembers(queue), event.data.agent.interface);
        break;
      case 'member.paused':
      case 'member.unpaused': {
        const member = this.memberOrNew(queue, event.data.agent, state);
        const updated: MemberRecord = {
          ...member,
          paused: event.type === 'member.paused',
          pausedReason: event.data.reason,
        };
        state.hset(keys.queueMembers(queue), event.data.agent.interface, JSON.stringify(updated));
        break;
      }
      case 'member.penalty_changed': {
        const member = this.memberOrNew(queue, event.data.agent, state);
        state.hset(
          keys.queueMembers(queue),
          event.data.agent.interface,
          JSON.stringify({ ...member, penalty: event.data.penalty }),
        );
        break;
      }
      default:
        return;
    }
    state.changed({ queues: [queue] });
  }

  private knowQueue(queue: string, state: ProjectionState): void {
    if (state.hget(state.keys.queues(), queue) !== undefined) return;
    const meta: QueueMetaRecord = { serviceLevelSeconds: state.rules.defaultServiceLevelSeconds, strategy: '' };
    state.hset(state.keys.queues(), queue, JSON.stringify(meta));
  }

  private setServiceLevel(queue: string, serviceLevelSeconds: number, state: ProjectionState): void {
    const meta = parseRecord<QueueMetaRecord>(state.hget(state.keys.queues(), queue));
    if (meta?.serviceLevelSeconds === serviceLevelSeconds) return;
    state.hset(state.keys.queues(), queue, JSON.stringify({ strategy: meta?.strategy ?? '', serviceLevelSeconds }));
  }

  /**
   * Removes a caller from the waiting list. Callers behind move up (Asterisk does not say
   * so): readers rank the waiting callers by join time (then join position), which is
   * Asterisk's order for queues without caller priorities (the city's queues use none),
   * and spares rewriting every waiting caller at each departure.
   */
  private leaveQueue(queue: string, callId: string, state: ProjectionState): void {
    const key = state.keys.queueWaiting(queue);
    if (state.hget(key, callId) !== undefined) state.hdel(key, callId);
  }

  private memberOrNew(queue: string, agent: { interface: string; name: string }, state: ProjectionState): MemberRecord {
    return (
      parseRecord<MemberRecord>(state.hget(state.keys.queueMembers(queue), agent.interface)) ??
      memberRecordFromStatus(agent, UNKNOWN_MEMBER_STATUS)
    );
  }

  private resync(snapshot: QueueSnapshot, at: number, state: ProjectionState): void {
    const keys = state.keys;
    const queue = snapshot.queue;
    const serviceLevelSeconds =
      snapshot.serviceLevelSeconds > 0 ? snapshot.serviceLevelSeconds : state.rules.defaultServiceLevelSeconds;
    state.hset(
      keys.queues(),
      queue,
      JSON.stringify({ serviceLevelSeconds, strategy: snapshot.strategy } satisfies QueueMetaRecord),
    );

    state.del(keys.queueMembers(queue));
    for (const member of snapshot.members) {
      state.hset(
        keys.queueMembers(queue),
        member.agent.interface,
        JSON.stringify(memberRecordFromStatus(member.agent, member.status)),
      );
    }

    const known = state.hash(keys.queueWaiting(queue));
    state.del(keys.queueWaiting(queue));
    for (const w of snapshot.waiting) {
      const previous = parseRecord<WaitingRecord>(known[w.callId]);
      const record: WaitingRecord = {
        callId: w.callId,
        linkedId: w.linkedId,
        callerNumber: w.callerNumber,
        callerName: w.callerName,
        position: w.position,
        joinedAt: previous?.joinedAt ?? at - w.waitSeconds * 1000,
      };
      state.hset(keys.queueWaiting(queue), w.callId, JSON.stringify(record));
    }

    // Calls whose agent is no longer on a call in this queue ended while we were away.
    const inCall = new Set(snapshot.members.filter((m) => m.status.inCall).map((m) => m.agent.interface));
    for (const call of parseRecords<CallInProgressRecord>(state.hash(keys.queueCalls(queue)))) {
      if (!inCall.has(call.agentInterface)) state.hdel(keys.queueCalls(queue), call.callId);
    }
  }
}

const UNKNOWN_MEMBER_STATUS: MemberStatus = {
  deviceState: 'unknown',
  paused: false,
  pausedReason: '',
  inCall: false,
  callsTaken: 0,
  lastCallAt: 0,
  penalty: 0,
  membership: 'static',
};
