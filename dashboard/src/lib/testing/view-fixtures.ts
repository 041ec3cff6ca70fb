import type { AgentView, KpiFigures, QueueMemberView, QueueView, WaitingCallerView, WindowedKpis } from '@iris/shared';

/** Builders of socket views for unit tests: a complete value with only what a test cares about changed. */
export function figures(overrides: Partial<KpiFigures> = {}): KpiFigures {
  return {
    offered: 0,
    answered: 0,
    abandoned: 0,
    shortAbandoned: 0,
    timedOut: 0,
    exited: 0,
    answeredWithinServiceLevel: 0,
    pickupRate: null,
    serviceLevel: null,
    averageSpeedOfAnswer: null,
    meanAbandonWait: null,
    averageHandleTime: null,
    ...overrides,
  };
}

export function windowed(today: Partial<KpiFigures> = {}): WindowedKpis {
  return { last15m: figures(), lastHour: figures(), today: figures(today) };
}

export function member(agentId: string, overrides: Partial<QueueMemberView> = {}): QueueMemberView {
  return {
    agentId,
    interface: `PJSIP/${agentId}`,
    name: agentId,
    deviceState: 'not_in_use',
    paused: false,
    pausedReason: '',
    inCall: false,
    ...overrides,
  };
}

export function caller(callId: string, joinedAt: number, position = 1): WaitingCallerView {
  return { callId, callerNumber: '0146552783', callerName: null, position, joinedAt };
}

export function queue(name: string, overrides: Partial<QueueView> = {}): QueueView {
  return {
    queue: name,
    serviceLevelSeconds: 20,
    waiting: [],
    members: [],
    callsInProgress: 0,
    kpis: windowed(),
    ...overrides,
  };
}

export function agent(agentId: string, overrides: Partial<AgentView> = {}): AgentView {
  return {
    agentId,
    name: agentId,
    mode: 'phone',
    pendingMode: null,
    deviceState: 'not_in_use',
    since: 0,
    callsToday: 0,
    talkSecondsToday: 0,
    currentCall: null,
    queues: [],
    ...overrides,
  };
}
