import type { KpiRules } from '../redis/store-options.js';
import type { ProjectionKeys } from '../redis/keys.js';
import type { EventLogRepository } from '../events/event-log.repository.js';
import { projectBatch } from './project-batch.js';
import type { ProjectionRegistry } from './projection-registry.js';
import type { ApplyOutcome, CursorKeys, ProjectionStoreRepository } from './projection-store.repository.js';
import type { ProjectionChange } from './projection.js';

export interface StepResult {
  readonly outcome: ApplyOutcome | 'idle';
  readonly events: number;
  readonly cursor: string;
  readonly change: ProjectionChange | null;
}

export interface StepHooks {
  /** Called with the computed batch just before it is written (tests use it to kill a projector mid-batch). */
  beforeApply?: (info: { events: number; cursor: string; newCursor: string }) => Promise<void> | void;
}

/**
 * One projector step: read the cursor, read the next events after it, fold them, and write
 * the result together with the new cursor in one atomic script. Nothing is kept between
 * steps, so a step that loses the race (cursor moved, lease lost) is simply recomputed.
 */
export class ProjectionRunner {
  constructor(
    private readonly eventLog: EventLogRepository,
    private readonly store: ProjectionStoreRepository,
    private readonly registry: ProjectionRegistry,
    private readonly rules: KpiRules,
    private readonly projectionKeys: ProjectionKeys,
    private readonly cursorKeys: CursorKeys,
    /** Where announcements go ('' = nowhere, e.g. a rebuild). */
    private readonly changesChannel: string,
    private readonly hooks: StepHooks = {},
  ) {}

  /** The cursor this runner last wrote (the script checks it anyway); null = read it first. */
  private knownCursor: string | null = null;

  async step(leaseToken: string, batchSize: number, untilStreamId = '+'): Promise<StepResult> {
    const cursor = this.knownCursor ?? (await this.store.readCursor(this.cursorKeys)).cursor;
    if (untilStreamId !== '+' && compareStreamIds(cursor, untilStreamId) >= 0)
      return { outcome: 'idle', events: 0, cursor, change: null };
    const { events, lastStreamId } = await this.eventLog.readAfter(cursor, batchSize, untilStreamId);
    if (events.length === 0 || lastStreamId === null) return { outcome: 'idle', events: 0, cursor, change: null };
    const batch = await projectBatch(events, this.registry, this.projectionKeys, this.rules, (keys) =>
      this.store.loadHashes(keys),
    );
    await this.hooks.beforeApply?.({ events: events.length, cursor, newCursor: lastStreamId });
    const outcome = await this.store.apply(this.cursorKeys, {
      expectedCursor: cursor,
      newCursor: lastStreamId,
      eventCount: events.length,
      leaseToken,
      channel: batch.change && this.changesChannel ? this.changesChannel : '',
      message: batch.change ? JSON.stringify(batch.change) : '',
      commands: batch.commands,
    });
    this.knownCursor = outcome === 'applied' ? lastStreamId : null;
    return {
      outcome,
      events: outcome === 'applied' ? events.length : 0,
      cursor: outcome === 'applied' ? lastStreamId : cursor,
      change: batch.change,
    };
  }

  /** Steps until the log is exhausted (or `untilStreamId` is reached). Returns events projected. */
  async catchUp(leaseToken: string, batchSize: number, untilStreamId = '+'): Promise<number> {
    let total = 0;
    for (;;) {
      const result = await this.step(leaseToken, batchSize, untilStreamId);
      if (result.outcome === 'idle') return total;
      if (result.outcome === 'lease-lost') throw new Error('the projector lease was lost while catching up');
      total += result.events;
    }
  }
}

/** Orders two stream ids (`<ms>-<seq>`, or '0'). */
export function compareStreamIds(a: string, b: string): number {
  const [am = 0, as = 0] = a.split('-').map(Number);
  const [bm = 0, bs = 0] = b.split('-').map(Number);
  return am - bm || as - bs;
}
