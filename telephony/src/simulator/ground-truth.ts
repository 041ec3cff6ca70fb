import {
  addCounters,
  countersForOutcome,
  emptyCounters,
  figuresFromCounters,
  replayFigures,
  type KpiCounters,
  type QueueCallOutcome,
  type ReplayFigures,
} from '@iris/shared';

/** What the simulator knows happened, in the shape of the captures' `<scenario>.truth.json`. */
export interface TruthFigures {
  readonly queues: Record<string, ReplayFigures>;
  readonly frontOffice: ReplayFigures;
}

/** Asterisk's own cumulative counters (QueueParams Completed / Abandoned), which the bridge compares after a gap. */
export interface AsteriskCounters {
  completed: number;
  abandoned: number;
}

export interface SimulatorTruth extends TruthFigures {
  readonly asterisk: Record<string, AsteriskCounters>;
  /** Outcome of every finished queue call, by caller Uniqueid (the callId of domain events). */
  readonly calls: Record<string, { readonly queue: string; readonly outcome: QueueCallOutcome['kind'] }>;
  /** Calls still waiting or talking when the truth was read. */
  readonly inProgress: number;
}

/** Accumulates the simulator's ground truth with the KPI maths of `shared`, so both sides mean the same thing. */
export class GroundTruth {
  private readonly counters = new Map<string, KpiCounters>();
  private readonly asterisk = new Map<string, AsteriskCounters>();
  private readonly calls = new Map<string, { queue: string; outcome: QueueCallOutcome['kind'] }>();

  constructor(queues: readonly string[]) {
    for (const queue of queues) {
      this.counters.set(queue, emptyCounters());
      this.asterisk.set(queue, { completed: 0, abandoned: 0 });
    }
  }

  recordOutcome(queue: string, callId: string, outcome: QueueCallOutcome): void {
    const current = this.countersOf(queue);
    const increments = countersForOutcome(outcome);
    for (const [field, value] of Object.entries(increments) as Array<[keyof KpiCounters, number]>)
      current[field] += value;
    this.calls.set(callId, { queue, outcome: outcome.kind });
    // app_queue's record_abandoned() counts callers who hung up AND callers the timeout took.
    if (outcome.kind === 'abandoned' || outcome.kind === 'timed_out') this.asteriskOf(queue).abandoned += 1;
  }

  /** Asterisk counts Completed when the agent leg ends, not at answer. */
  recordCompleted(queue: string, talkSeconds: number): void {
    this.asteriskOf(queue).completed += 1;
    const current = this.countersOf(queue);
    current.completed += 1;
    current.talkSeconds += talkSeconds;
  }

  asteriskCounters(queue: string): AsteriskCounters {
    return { ...this.asteriskOf(queue) };
  }

  figures(): TruthFigures {
    const queues: Record<string, ReplayFigures> = {};
    let total = emptyCounters();
    for (const [queue, counters] of [...this.counters.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      queues[queue] = replayFigures(figuresFromCounters(counters));
      total = addCounters(total, counters);
    }
    // Each simulated call visits one queue, so the front office is the sum of the queues.
    return { queues, frontOffice: replayFigures(figuresFromCounters(total)) };
  }

  snapshot(inProgress: number): SimulatorTruth {
    const asterisk: Record<string, AsteriskCounters> = {};
    for (const [queue, counters] of this.asterisk) asterisk[queue] = { ...counters };
    return { ...this.figures(), asterisk, calls: Object.fromEntries(this.calls), inProgress };
  }

  private countersOf(queue: string): KpiCounters {
    const counters = this.counters.get(queue);
    if (!counters) throw new Error(`unknown queue ${queue}`);
    return counters;
  }

  private asteriskOf(queue: string): AsteriskCounters {
    const counters = this.asterisk.get(queue);
    if (!counters) throw new Error(`unknown queue ${queue}`);
    return counters;
  }
}
