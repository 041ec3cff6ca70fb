import type { KpiRules } from '../redis/store-options.js';
import type { ProjectionKeys } from '../redis/keys.js';
import { WriteSet } from './write-set.js';
import type { ProjectionChange, ProjectionState } from './projection.js';

type StagedOp =
  | readonly ['hset', string, string, string]
  | readonly ['hdel', string, string]
  | readonly ['hincrBy', string, string, number]
  | readonly ['del', string]
  | readonly ['expireAt', string, number];

/**
 * The state of one batch being projected: hashes loaded at the start of the batch, updated
 * in memory as events apply, and the coalesced writes to send. Each apply() writes into a
 * staging area that is merged only if it returns normally.
 */
export class BatchState {
  private readonly writes = new WriteSet();
  private readonly queues = new Set<string>();
  private readonly agents = new Set<string>();
  private readonly flags = { kpis: false, requests: false, desk: false };

  constructor(
    readonly keys: ProjectionKeys,
    readonly rules: KpiRules,
    /** Hashes fetched for this batch (mutated as the batch applies). */
    private readonly loaded: Map<string, Map<string, string>>,
  ) {}

  /** A fresh staging view for one apply(). */
  stage(): EventStaging {
    return new EventStaging(this, this.keys, this.rules);
  }

  commit(staging: EventStaging): void {
    for (const op of staging.ops) {
      switch (op[0]) {
        case 'hset':
          this.loaded.get(op[1])?.set(op[2], op[3]);
          this.writes.hset(op[1], op[2], op[3]);
          break;
        case 'hdel':
          this.loaded.get(op[1])?.delete(op[2]);
          this.writes.hdel(op[1], op[2]);
          break;
        case 'hincrBy': {
          const hash = this.loaded.get(op[1]);
          if (hash) {
            const value = String(Number(hash.get(op[2]) ?? 0) + op[3]);
            hash.set(op[2], value);
            this.writes.hset(op[1], op[2], value);
          } else this.writes.hincrBy(op[1], op[2], op[3]);
          break;
        }
        case 'del':
          if (this.loaded.has(op[1])) this.loaded.set(op[1], new Map());
          this.writes.del(op[1]);
          break;
        case 'expireAt':
          this.writes.expireAt(op[1], op[2]);
          break;
      }
    }
    const change = staging.change;
    change.queues?.forEach((q) => this.queues.add(q));
    change.agents?.forEach((a) => this.agents.add(a));
    if (change.kpis) this.flags.kpis = true;
    if (change.requests) this.flags.requests = true;
    if (change.desk) this.flags.desk = true;
  }

  readHash(key: string): Map<string, string> {
    const hash = this.loaded.get(key);
    if (!hash) {
      throw new Error(
        `projection read ${key} without declaring it in readsFor (declared keys are fetched once per batch)`,
      );
    }
    return hash;
  }

  writeSet(): WriteSet {
    return this.writes;
  }

  /** What the batch changed, or null when nothing worth announcing did. */
  change(): ProjectionChange | null {
    const change: ProjectionChange = {
      queues: [...this.queues].sort(),
      agents: [...this.agents].sort(),
      kpis: this.flags.kpis,
    };
    if (this.flags.requests) change.requests = true;
    if (this.flags.desk) change.desk = true;
    const empty =
      change.queues.length === 0 && change.agents.length === 0 && !change.kpis && !change.requests && !change.desk;
    return empty ? null : change;
  }
}

/** The ProjectionState handed to one apply(): reads committed state, stages writes. */
export class EventStaging implements ProjectionState {
  readonly ops: StagedOp[] = [];
  readonly change: Partial<ProjectionChange> = {};

  constructor(
    private readonly batch: BatchState,
    readonly keys: ProjectionKeys,
    readonly rules: KpiRules,
  ) {}

  hash(key: string): Readonly<Record<string, string>> {
    return Object.fromEntries(this.batch.readHash(key));
  }

  hget(key: string, field: string): string | undefined {
    return this.batch.readHash(key).get(field);
  }

  hset(key: string, field: string, value: string): void {
    this.ops.push(['hset', key, field, value]);
  }

  hdel(key: string, field: string): void {
    this.ops.push(['hdel', key, field]);
  }

  hincrBy(key: string, field: string, by: number): void {
    if (!Number.isFinite(by)) throw new Error(`increment of ${key} ${field} is not a number: ${by}`);
    if (by !== 0) this.ops.push(['hincrBy', key, field, by]);
  }

  del(key: string): void {
    this.ops.push(['del', key]);
  }

  expireAt(key: string, epochMs: number): void {
    this.ops.push(['expireAt', key, Math.floor(epochMs)]);
  }

  changed(change: Partial<ProjectionChange>): void {
    if (change.queues) this.change.queues = [...(this.change.queues ?? []), ...change.queues];
    if (change.agents) this.change.agents = [...(this.change.agents ?? []), ...change.agents];
    if (change.kpis) this.change.kpis = true;
    if (change.requests) this.change.requests = true;
    if (change.desk) this.change.desk = true;
  }
}
