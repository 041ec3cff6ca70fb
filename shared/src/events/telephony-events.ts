import type { EventEnvelope, MemberRef } from './domain-event.js';
import type { MemberStatus } from './member-events.js';

/** One queue as QueueStatus describes it right now (used to resynchronise live state). */
export interface QueueSnapshot {
  readonly queue: string;
  readonly strategy: string;
  /** Asterisk servicelevel for the queue (0 means unset there). */
  readonly serviceLevelSeconds: number;
  /** Asterisk's cumulative counters since its start or QueueReset. Not KPIs: see DESIGN.md. */
  readonly asteriskCompleted: number;
  readonly asteriskAbandoned: number;
  readonly members: ReadonlyArray<{ readonly agent: MemberRef; readonly status: MemberStatus }>;
  readonly waiting: ReadonlyArray<{
    readonly callId: string;
    readonly linkedId: string;
    readonly callerNumber: string;
    readonly callerName: string | null;
    readonly position: number;
    readonly waitSeconds: number;
  }>;
}

/** Emitted after every (re)connect once QueueStatus has been collected. */
export type TelephonySnapshot = EventEnvelope<'telephony.snapshot', { readonly queues: ReadonlyArray<QueueSnapshot> }>;

/**
 * Calls that ended while the bridge was away, measured by comparing Asterisk's counters
 * before and after the gap. Reported, never silently absorbed into the KPIs.
 */
export type TelephonyGap = EventEnvelope<
  'telephony.gap',
  {
    readonly queue: string;
    readonly missedCompleted: number;
    readonly missedAbandoned: number;
    readonly disconnectedAt: number;
    readonly reconnectedAt: number;
  }
>;

export type TelephonyEvent = TelephonySnapshot | TelephonyGap;
