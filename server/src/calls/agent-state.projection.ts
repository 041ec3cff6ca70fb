import {
  agentIdFromInterface,
  dayBucket,
  isAgentMode,
  modeFromPauseReason,
  type AgentMode,
  type DomainEvent,
} from '@iris/shared';
import type { ProjectionKeys } from '../redis/keys.js';
import type { Projection, ProjectionState } from '../projector/projection.js';
import type { StoredEvent } from '../events/stored-event.js';
import { parseRecord, type AgentRecord, type CallInProgressRecord } from './call-records.js';

/**
 * Live state per agent (the person behind one or more queue memberships): mode, device
 * state and since when, calls answered and talk time today (Europe/Paris day of the
 * events), the call in progress. Registered after QueueStateProjection: on call.answered
 * it reads the call record that projection just wrote (for the caller's number).
 */
export class AgentStateProjection implements Projection {
  readonly name = 'calls.agent-state';
  readonly eventTypes = [
    'call.answered',
    'call.ended',
    'member.added',
    'member.removed',
    'member.paused',
    'member.unpaused',
    'member.device_state',
    'agent.mode_changed',
    'telephony.snapshot',
  ];

  readsFor(stored: StoredEvent['event'], keys: ProjectionKeys): string[] {
    const event = stored as DomainEvent;
    if (event.type === 'call.answered') return [keys.agents(), keys.queueCalls(event.data.queue)];
    return [keys.agents()];
  }

  apply(stored: StoredEvent['event'], state: ProjectionState): void {
    const event = stored as DomainEvent;
    const at = event.at;
    switch (event.type) {
      case 'member.added': {
        const { agent, status, queue } = event.data;
        this.update(state, agent.interface, agent.name, at, (r) => ({
          ...r,
          queues: withQueue(r.queues, queue),
          paused: status.paused,
          pausedReason: status.pausedReason,
          deviceState: status.deviceState,
        }));
        return;
      }
      case 'member.removed': {
        const { agent, queue } = event.data;
        this.update(state, agent.interface, agent.name, at, (r) => ({
          ...r,
          queues: r.queues.filter((q) => q !== queue),
        }));
        return;
      }
      case 'member.paused':
      case 'member.unpaused': {
        const { agent, reason } = event.data;
        const paused = event.type === 'member.paused';
        this.update(state, agent.interface, agent.name, at, (r) => ({ ...r, paused, pausedReason: reason }));
        return;
      }
      case 'member.device_state': {
        const { agent, status } = event.data;
        this.update(state, agent.interface, agent.name, at, (r) => ({
          ...r,
          deviceState: status.deviceState,
          paused: status.paused,
          pausedReason: status.pausedReason,
        }));
        return;
      }
      case 'agent.mode_changed': {
        const { agentId, mode } = event.data;
        if (!isAgentMode(mode)) throw new Error(`unknown agent mode ${JSON.stringify(mode)}`);
        this.updateById(state, agentId, null, at, (r) => ({ ...r, mode }));
        return;
      }
      case 'call.answered': {
        const { agent, callId, queue } = event.data;
        const call = parseRecord<CallInProgressRecord>(state.hget(state.keys.queueCalls(queue), callId));
        this.update(state, agent.interface, agent.name, at, (r) => {
          const today = rollDay(r, at);
          return {
            ...today,
            callsToday: today.callsToday + 1,
            currentCall: { callId, queue, callerNumber: call?.callerNumber ?? '', since: at },
          };
        });
        return;
      }
      case 'call.ended': {
        const { agent, callId, talkSeconds } = event.data;
        this.update(state, agent.interface, agent.name, at, (r) => {
          const today = rollDay(r, at);
          return {
            ...today,
            talkSecondsToday: today.talkSecondsToday + Math.max(0, talkSeconds),
            currentCall: r.currentCall?.callId === callId ? null : r.currentCall,
          };
        });
        return;
      }
      case 'telephony.snapshot': {
        const seen = new Set<string>();
        for (const snapshot of event.data.queues) {
          for (const { agent, status } of snapshot.members) {
            seen.add(`${agentIdFromInterface(agent.interface)}|${snapshot.queue}`);
            this.update(state, agent.interface, agent.name, at, (r) => ({
              ...r,
              queues: withQueue(r.queues, snapshot.queue),
              paused: status.paused,
              pausedReason: status.pausedReason,
              deviceState: status.deviceState,
              currentCall: status.inCall ? r.currentCall : null,
            }));
          }
        }
        // Members gone from a resynchronised queue are no longer in it.
        const snapshotQueues = new Set(event.data.queues.map((q) => q.queue));
        for (const json of Object.values(state.hash(state.keys.agents()))) {
          const record = parseRecord<AgentRecord>(json);
          if (!record) continue;
          const kept = record.queues.filter((q) => !snapshotQueues.has(q) || seen.has(`${record.agentId}|${q}`));
          if (kept.length !== record.queues.length)
            this.updateById(state, record.agentId, null, at, (r) => ({ ...r, queues: kept }));
        }
        return;
      }
      default:
        return;
    }
  }

  private update(
    state: ProjectionState,
    memberInterface: string,
    name: string,
    at: number,
    change: (record: AgentRecord) => AgentRecord,
  ): void {
    this.updateById(state, agentIdFromInterface(memberInterface), name, at, change);
  }

  /**
   * Several updates of one agent inside one event (a snapshot) must see each other, but an
   * apply() reads the state from before the event: pending records are kept here per event.
   */
  private updateById(
    state: ProjectionState,
    agentId: string,
    name: string | null,
    at: number,
    change: (record: AgentRecord) => AgentRecord,
  ): void {
    const pending = pendingOf(state);
    const current =
      pending.get(agentId) ??
      parseRecord<AgentRecord>(state.hget(state.keys.agents(), agentId)) ??
      newAgent(agentId, name ?? agentId, at);
    const next = change(name && name.length > 0 ? { ...current, name } : current);
    const since =
      effectiveMode(next) !== effectiveMode(current) || next.deviceState !== current.deviceState ? at : current.since;
    const record = { ...next, since };
    pending.set(agentId, record);
    state.hset(state.keys.agents(), agentId, JSON.stringify(record));
    state.changed({ agents: [agentId] });
  }
}

const pendingByState = new WeakMap<ProjectionState, Map<string, AgentRecord>>();

function pendingOf(state: ProjectionState): Map<string, AgentRecord> {
  let pending = pendingByState.get(state);
  if (!pending) {
    pending = new Map();
    pendingByState.set(state, pending);
  }
  return pending;
}

function newAgent(agentId: string, name: string, at: number): AgentRecord {
  return {
    agentId,
    name,
    queues: [],
    mode: null,
    paused: false,
    pausedReason: '',
    deviceState: 'unknown',
    since: at,
    day: dayBucket(at).id,
    callsToday: 0,
    talkSecondsToday: 0,
    currentCall: null,
  };
}

function withQueue(queues: ReadonlyArray<string>, queue: string): string[] {
  return queues.includes(queue) ? [...queues] : [...queues, queue].sort();
}

/** Daily counters start again on a new Paris day. */
function rollDay(record: AgentRecord, at: number): AgentRecord {
  const day = dayBucket(at).id;
  return record.day === day ? record : { ...record, day, callsToday: 0, talkSecondsToday: 0 };
}

/**
 * The mode shown stays true to Asterisk: for an agent with queue memberships it is read from
 * the pause state (unpaused: phone; paused by IRIS: the mode in the reason; paused outside
 * IRIS, from a phone or another tool: break), so a pause or unpause made after an IRIS
 * switch shows at once. The mode IRIS confirmed is used only for an agent in no queue, whom
 * Asterisk says nothing about.
 */
export function effectiveMode(record: Pick<AgentRecord, 'mode' | 'paused' | 'pausedReason' | 'queues'>): AgentMode {
  if (record.queues.length === 0) return record.mode ?? 'offline';
  if (!record.paused) return 'phone';
  return modeFromPauseReason(record.pausedReason) ?? 'break';
}
