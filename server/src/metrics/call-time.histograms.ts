import { Histogram, type Registry } from 'prom-client';
import { DEFAULT_SHORT_ABANDON_SECONDS, isShortAbandon, type DomainEvent } from '@iris/shared';

/**
 * Bucket edges of the wait histogram: the short-abandon threshold (5 s) and the usual
 * service-level thresholds (20 s, 30 s, 60 s ...) are edges, so "share answered within
 * N s" reads straight off a bucket, never interpolated.
 */
export const WAIT_BUCKETS_SECONDS = [5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 300, 600];
export const TALK_BUCKETS_SECONDS = [30, 60, 120, 180, 300, 420, 600, 900, 1200, 1800, 3600];

/** How many event ids are remembered to ignore a repeat (a reconnect resending a batch). */
const REMEMBERED_IDS = 20_000;

/**
 * Wait and talk time histograms, observed from the call events this replica's telephony
 * bridge delivers. Per instance: every replica reading AMI sees the whole stream, so rules
 * take `max without (instance)` of their rates (prometheus/README.md); exact counts are in
 * iris_queue_calls_total, which comes from the store.
 */
export class CallTimeHistograms {
  private readonly wait: Histogram<'queue' | 'outcome'>;
  private readonly talk: Histogram<'queue'>;
  private readonly seen = new Set<string>();

  constructor(
    registry: Registry,
    private readonly shortAbandonSeconds = DEFAULT_SHORT_ABANDON_SECONDS,
  ) {
    this.wait = new Histogram({
      name: 'iris_queue_wait_seconds',
      help: "Wait in the queue of calls that left it, by outcome (this replica's AMI stream).",
      labelNames: ['queue', 'outcome'],
      buckets: WAIT_BUCKETS_SECONDS,
      registers: [registry],
    });
    this.talk = new Histogram({
      name: 'iris_queue_talk_seconds',
      help: "Talk time of completed queue calls (this replica's AMI stream).",
      labelNames: ['queue'],
      buckets: TALK_BUCKETS_SECONDS,
      registers: [registry],
    });
  }

  observe(events: ReadonlyArray<DomainEvent>): void {
    for (const event of events) {
      if (this.seen.has(event.id)) continue;
      const observed = this.observeOne(event);
      if (observed) this.remember(event.id);
    }
  }

  private observeOne(event: DomainEvent): boolean {
    switch (event.type) {
      case 'call.answered':
        this.wait.observe({ queue: event.data.queue, outcome: 'answered' }, event.data.holdSeconds);
        return true;
      case 'call.abandoned': {
        const outcome = isShortAbandon(event.data.waitSeconds, this.shortAbandonSeconds)
          ? 'short_abandoned'
          : 'abandoned';
        this.wait.observe({ queue: event.data.queue, outcome }, event.data.waitSeconds);
        return true;
      }
      case 'call.timed_out':
        this.wait.observe({ queue: event.data.queue, outcome: 'timed_out' }, event.data.waitSeconds);
        return true;
      case 'call.exited':
        this.wait.observe({ queue: event.data.queue, outcome: 'exited' }, event.data.waitSeconds);
        return true;
      case 'call.ended':
        this.talk.observe({ queue: event.data.queue }, event.data.talkSeconds);
        return true;
      default:
        return false;
    }
  }

  private remember(id: string): void {
    this.seen.add(id);
    // A Set iterates in insertion order: the first entry is the oldest.
    if (this.seen.size > REMEMBERED_IDS) this.seen.delete(this.seen.values().next().value!);
  }
}
