import type { EventEnvelope, MemberRef } from './domain-event.js';

/**
 * Device state of a member's phone as app_queue reports it (QueueMemberStatus `Status`).
 * There is no wrap-up state in Asterisk: derive it from lastCallAt + the queue's wrap-up time.
 */
export type DeviceState =
  'unknown' | 'not_in_use' | 'in_use' | 'busy' | 'invalid' | 'unavailable' | 'ringing' | 'ring_in_use' | 'on_hold';

export interface MemberStatus {
  readonly deviceState: DeviceState;
  readonly paused: boolean;
  readonly pausedReason: string;
  readonly inCall: boolean;
  readonly callsTaken: number;
  /** epoch seconds of the last completed call, 0 if none. */
  readonly lastCallAt: number;
  readonly penalty: number;
  readonly membership: 'static' | 'dynamic' | 'realtime';
}

type MemberData<T = unknown> = { readonly queue: string; readonly agent: MemberRef } & T;

export type MemberAdded = EventEnvelope<'member.added', MemberData<{ readonly status: MemberStatus }>>;
export type MemberRemoved = EventEnvelope<'member.removed', MemberData>;
export type MemberPaused = EventEnvelope<'member.paused', MemberData<{ readonly reason: string }>>;
export type MemberUnpaused = EventEnvelope<'member.unpaused', MemberData<{ readonly reason: string }>>;
export type MemberDeviceState = EventEnvelope<'member.device_state', MemberData<{ readonly status: MemberStatus }>>;
export type MemberPenaltyChanged = EventEnvelope<'member.penalty_changed', MemberData<{ readonly penalty: number }>>;

export type MemberEvent =
  MemberAdded | MemberRemoved | MemberPaused | MemberUnpaused | MemberDeviceState | MemberPenaltyChanged;
