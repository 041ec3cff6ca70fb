/**
 * Measures the calls the bridge did not see. Asterisk keeps per-queue cumulative counters
 * (QueueParams `Completed`, `Abandoned`); the bridge counts the same things in the frames
 * it reads: one `AgentComplete` is one Completed, one `QueueCallerAbandon` one Abandoned
 * (app_queue increments the counter and emits the event together; Abandoned covers
 * timeouts and empty-queue exits too). At every resync:
 *
 *   missed = Asterisk now - (Asterisk at the previous resync + what the bridge counted since)
 *
 * plus the abandons the bridge read but could not classify before the link dropped (the
 * normaliser decides timeout vs abandon on a later frame; a reset forgets it).
 *
 * Asterisk publishes queue events asynchronously (stasis): a call counted just before a
 * QueueStatus is read may have its event arrive just after the response, and then counts
 * twice on our side. So a count slightly above Asterisk's is not a loss: it is clamped to 0.
 * A restart (or QueueReset) is known when a counter goes below its previous value, or
 * when the caller says so (FullyBooted's Uptime): then everything counted since was
 * missed. Pure: no I/O, no clock.
 */
import type { QueueSnapshot, TelephonyGap } from '@iris/shared';

interface Counters {
  completed: number;
  abandoned: number;
}

export class GapAccountant {
  private baseline: Map<string, Counters> | null = null;
  private readonly seen = new Map<string, Counters>();
  /** QueueCallerAbandon read, outcome not emitted yet, by `<Uniqueid>\n<queue>`. */
  private readonly unsettled = new Map<string, string>();
  private readonly lostUnclassified = new Map<string, number>();
  private disconnectedAt: number | null = null;

  countCompleted(queue: string): void {
    this.seenOf(queue).completed++;
  }

  countAbandon(queue: string, callId: string): void {
    this.seenOf(queue).abandoned++;
    this.unsettled.set(`${callId}\n${queue}`, queue);
  }

  /** An outcome (abandoned, timed out, exited) was emitted for this queue call. */
  outcomeEmitted(queue: string, callId: string): void {
    this.unsettled.delete(`${callId}\n${queue}`);
  }

  linkLost(at: number): void {
    this.disconnectedAt ??= at;
  }

  /** A new link starts and the normaliser forgets its pending calls: those abandons stay unclassified. */
  linkUp(): void {
    for (const queue of this.unsettled.values())
      this.lostUnclassified.set(queue, (this.lostUnclassified.get(queue) ?? 0) + 1);
    this.unsettled.clear();
  }

  /** Asterisk's counters from a fresh QueueStatus: returns one gap per queue where calls went unseen. */
  resync(queues: readonly QueueSnapshot[], at: number, options: { readonly restarted?: boolean } = {}): TelephonyGap[] {
    const previous = this.baseline;
    const gaps: TelephonyGap[] = [];
    const disconnectedAt = this.disconnectedAt ?? at;
    if (previous !== null) {
      for (const snapshot of queues) {
        const queue = snapshot.queue;
        const base = previous.get(queue) ?? { completed: 0, abandoned: 0 };
        const seen = this.seen.get(queue) ?? { completed: 0, abandoned: 0 };
        const expectedCompleted = base.completed + seen.completed;
        const expectedAbandoned = base.abandoned + seen.abandoned;
        const restarted =
          options.restarted === true ||
          snapshot.asteriskCompleted < base.completed ||
          snapshot.asteriskAbandoned < base.abandoned;
        const lost = this.lostUnclassified.get(queue) ?? 0;
        const missedCompleted = restarted
          ? snapshot.asteriskCompleted
          : Math.max(0, snapshot.asteriskCompleted - expectedCompleted);
        const missedAbandoned =
          (restarted ? snapshot.asteriskAbandoned : Math.max(0, snapshot.asteriskAbandoned - expectedAbandoned)) + lost;
        if (missedCompleted > 0 || missedAbandoned > 0) {
          gaps.push({
            id: `ami:gap:${queue}:${disconnectedAt}:${at}`,
            type: 'telephony.gap',
            v: 1,
            at,
            source: 'ami',
            data: { queue, missedCompleted, missedAbandoned, disconnectedAt, reconnectedAt: at },
          });
        }
      }
    }
    this.baseline = new Map(
      queues.map((q) => [q.queue, { completed: q.asteriskCompleted, abandoned: q.asteriskAbandoned }]),
    );
    this.seen.clear();
    this.lostUnclassified.clear();
    this.disconnectedAt = null;
    return gaps;
  }

  private seenOf(queue: string): Counters {
    let counters = this.seen.get(queue);
    if (!counters) this.seen.set(queue, (counters = { completed: 0, abandoned: 0 }));
    return counters;
  }
}
