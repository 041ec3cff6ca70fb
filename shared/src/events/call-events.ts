import type { EventEnvelope, MemberRef, QueueCallRef } from './domain-event.js';

/** QueueCallerJoin: a caller enters a queue. */
export type CallQueued = EventEnvelope<
  'call.queued',
  QueueCallRef & {
    readonly callerNumber: string;
    /** null when Asterisk reports `<unknown>` or an empty name. */
    readonly callerName: string | null;
    readonly position: number;
  }
>;

/** AgentCalled: a member's phone rings for this caller. */
export type CallRinging = EventEnvelope<'call.ringing', QueueCallRef & { readonly agent: MemberRef }>;

/** AgentRingNoAnswer: the member let it ring out (RingTime in AMI is milliseconds). */
export type CallRingNoAnswer = EventEnvelope<
  'call.ring_no_answer',
  QueueCallRef & { readonly agent: MemberRef; readonly ringMs: number }
>;

/** AgentConnect: an agent answered. holdSeconds is the wait in the queue (AMI HoldTime). */
export type CallAnswered = EventEnvelope<
  'call.answered',
  QueueCallRef & {
    readonly agent: MemberRef;
    readonly holdSeconds: number;
    readonly ringSeconds: number;
    /** The queue's service-level threshold in force (Asterisk servicelevel, or the configured default when 0). */
    readonly serviceLevelSeconds: number;
  }
>;

/** AgentComplete: the conversation ended (Completed is counted here, not at answer). */
export type CallEnded = EventEnvelope<
  'call.ended',
  QueueCallRef & {
    readonly agent: MemberRef;
    readonly holdSeconds: number;
    readonly talkSeconds: number;
    readonly endedBy: 'caller' | 'agent' | 'transfer';
  }
>;

/** The caller hung up while waiting (a real abandon, not a timeout: see the captures' README). */
export type CallAbandoned = EventEnvelope<
  'call.abandoned',
  QueueCallRef & { readonly waitSeconds: number; readonly position: number }
>;

/** The queue's own timeout made the caller leave (queue_log EXITWITHTIMEOUT). */
export type CallTimedOut = EventEnvelope<'call.timed_out', QueueCallRef & { readonly waitSeconds: number }>;

/** Any other exit without an agent: key press, queue emptied (LEAVEEMPTY), join refused, ... */
export type CallExited = EventEnvelope<
  'call.exited',
  QueueCallRef & { readonly waitSeconds: number; readonly reason: string }
>;

/** The agent transferred the call (AgentComplete Reason transfer, or a blind/attended transfer). */
export type CallTransferred = EventEnvelope<
  'call.transferred',
  QueueCallRef & { readonly agent: MemberRef; readonly target: string }
>;

export type CallEvent =
  | CallQueued
  | CallRinging
  | CallRingNoAnswer
  | CallAnswered
  | CallEnded
  | CallAbandoned
  | CallTimedOut
  | CallExited
  | CallTransferred;
