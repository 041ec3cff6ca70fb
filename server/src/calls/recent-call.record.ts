/** How a stay in a queue ended (a short abandon is an abandon shorter than the configured threshold). */
export type RecentCallOutcome = 'answered' | 'abandoned' | 'short_abandon' | 'timed_out' | 'exited';

export const RECENT_CALL_OUTCOMES: ReadonlyArray<RecentCallOutcome> = [
  'answered',
  'abandoned',
  'short_abandon',
  'timed_out',
  'exited',
];

/**
 * One finished queue call in the recent-calls list. A call is "finished" for the queue
 * once it left the queue (its outcome is known); an answered call gets its talk time and
 * end time when the conversation ends (null while it goes on).
 */
export interface RecentCallRecord {
  /** Rank in its list: entries ever added before it (newest = highest). */
  readonly seq: number;
  readonly callId: string;
  readonly linkedId: string;
  readonly queue: string;
  /** As Asterisk gave it ('' when unknown, e.g. the caller joined before IRIS saw the queue). Personal data. */
  readonly callerNumber: string;
  readonly outcome: RecentCallOutcome;
  readonly waitSeconds: number;
  readonly agent: { readonly id: string; readonly name: string } | null;
  readonly talkSeconds: number | null;
  /** Epoch ms the caller entered the queue. */
  readonly joinedAt: number;
  /** Epoch ms the caller left the queue (answer, hang-up, timeout, exit). */
  readonly leftQueueAt: number;
  /** Epoch ms the call ended: when it left the queue, or when the conversation ended; null while talking. */
  readonly endedAt: number | null;
}
