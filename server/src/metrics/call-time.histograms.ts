import { Histogram, type Registry } from 'prom-client';
import { DEFAULT_SHORT_ABANDON_SECONDS, isShortAbandon, type DomainEvent } from '@iris/shared';

/**
 * Bucket edges of the wait histogram: the short-abandon threshold (5 s) and the usual
 * service-level thresholds (20 s, 30 s, 60 s ...) are edges, so "share answered within
 * N s" reads straight off a bucket, never interpolated.
 */
export const WAIT_BUCKETS_SECONDS = [5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 300, 600];
export const TALK_BUCKETS_SECONDS = [30, 60, 120, 180, 300, 420, 600, 900, 1200, 1800, 3600];

/**
 * Wait and talk time histograms of queue calls, fed with the event log's call events
 * (EventLogFollower). Each replica follows the whole log from its own start, so rules take
 * `max without (instance)` of their rates (prometheus/README.md).
 */
export class CallTimeHistograms {
  private readonly wait: Histogram<'queue' | 'outcome'>;
  private readonly talk: Histogram<'queue'>;

  constructor(
    registry: Registry,
    private readonly shortAbandonSeconds = DEFAULT_SHORT_ABANDON_SECONDS,
  ) {
    this.wait = new Histogram({
      name: 'iris_queue_wait_seconds',
      help: 'Wait in the queue of queue calls, by outcome, observed when the outcome is logged (per replica, since it started).',
      labelNames: ['queue', 'outcome'],
      buckets: WAIT_BUCKETS_SECONDS,
      registers: [registry],
    });
    this.talk = new Histogram({
      name: 'iris_queue_talk_seconds',
      help: 'Talk time of completed queue calls (per replica, since it started).',
      labelNames: ['queue'],
      buckets: TALK_BUCKETS_SECONDS,
      registers: [registry],
    });
  }

  /** Events of other types (and of unknown types) are ignored. */
  observe(event: { readonly type: string }): void {
    const call = event as DomainEvent;
    switch (call.type) {
      case 'call.answered':
        this.wait.observe({ queue: call.data.queue, outcome: 'answered' }, call.data.holdSeconds);
        return;
      case 'call.abandoned': {
        const outcome = isShortAbandon(call.data.waitSeconds, this.shortAbandonSeconds)
          ? 'short_abandoned'
          : 'abandoned';
        this.wait.observe({ queue: call.data.queue, outcome }, call.data.waitSeconds);
        return;
      }
      case 'call.timed_out':
        this.wait.observe({ queue: call.data.queue, outcome: 'timed_out' }, call.data.waitSeconds);
        return;
      case 'call.exited':
        this.wait.observe({ queue: call.data.queue, outcome: 'exited' }, call.data.waitSeconds);
        return;
      case 'call.ended':
        this.talk.observe({ queue: call.data.queue }, call.data.talkSeconds);
        return;
      default:
        return;
    }
  }
}
