/**
 * Every fact enters IRIS as one typed, versioned domain event with a deterministic id
 * derived from its source (for AMI: the caller channel's Uniqueid, the queue, the event
 * kind and what distinguishes repeats). The same source read twice yields the same ids,
 * which is what lets ingest deduplicate replays, reconnects and hot-standby bridges.
 */

/** Where an event came from: the Asterisk bridge, the desk, an intake channel, or IRIS itself. */
export type EventSource = 'ami' | 'desk' | 'intake' | 'iris';

export interface EventEnvelope<TType extends string, TData> {
  /** Deterministic id: same source fact, same id. */
  readonly id: string;
  readonly type: TType;
  /** Schema version of `data` for this type. */
  readonly v: 1;
  /** When the fact happened (epoch ms). For AMI, the bridge's receive time: AMI events carry no timestamp. */
  readonly at: number;
  readonly source: EventSource;
  readonly data: TData;
}

/** A queue member as Asterisk names it: `Interface` is the stable key, `MemberName` the label. */
export interface MemberRef {
  readonly interface: string;
  readonly name: string;
}

/** Fields shared by every event about one caller's stay in one queue (a "queue call"). */
export interface QueueCallRef {
  /** Uniqueid of the caller channel in the queue (the queue_log call id). */
  readonly callId: string;
  /** Linkedid: groups every channel of one inbound call, across queues. */
  readonly linkedId: string;
  readonly queue: string;
}
