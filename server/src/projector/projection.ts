import type { KpiRules } from '../redis/store-options.js';
import type { ProjectionKeys } from '../redis/keys.js';
import type { StoredEvent } from '../events/stored-event.js';

/** What a projected batch changed, announced to every replica (the socket gateway pushes patches from it). */
export interface ProjectionChange {
  queues: string[];
  agents: string[];
  kpis: boolean;
  requests?: boolean;
  desk?: boolean;
}

/** A projection's view of the store while a batch is applied. */
export interface ProjectionState {
  /** Where to write: the live projections, or a rebuild's fresh keys. Never hard-code keys. */
  readonly keys: ProjectionKeys;
  readonly rules: KpiRules;
  /**
   * The current content of a hash, including what earlier events of this batch wrote.
   * Only keys declared by `readsFor` are available (they are fetched once per batch).
   */
  hash(key: string): Readonly<Record<string, string>>;
  hget(key: string, field: string): string | undefined;
  hset(key: string, field: string, value: string): void;
  hdel(key: string, field: string): void;
  /** Adds to a counter; on a key not declared in readsFor it is a blind increment (KPI buckets). */
  hincrBy(key: string, field: string, by: number): void;
  del(key: string): void;
  /** Absolute expiry (epoch ms): derived from event times, never from the clock, so a rebuild gives the same. */
  expireAt(key: string, epochMs: number): void;
  /** Announces what changed, for live pushes. */
  changed(change: Partial<ProjectionChange>): void;
}

/**
 * A projection: a deterministic fold of log events into Redis hashes. Features register
 * theirs in the ProjectionRegistry. Rules:
 * - apply() is pure given the state it reads (no clock, no I/O, no randomness): the same log
 *   always gives the same keys, which is what rebuild checks;
 * - writes of one apply() are kept only if it returns normally: if it throws, the event is
 *   recorded in the failures hash and its partial writes are dropped;
 * - inside one apply(), reads see the state before this event (not its own writes).
 */
export interface Projection {
  /** Unique, stable name (appears in failure records). */
  readonly name: string;
  /** Event types this projection reacts to; other events never reach it. */
  readonly eventTypes: ReadonlyArray<string>;
  /** Hash keys apply() will read for this event (fetched in one round trip per batch). */
  readsFor?(event: StoredEvent['event'], keys: ProjectionKeys): ReadonlyArray<string>;
  apply(event: StoredEvent['event'], state: ProjectionState): void;
}
