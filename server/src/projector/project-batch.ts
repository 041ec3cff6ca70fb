import type { KpiRules } from '../redis/store-options.js';
import type { ProjectionKeys } from '../redis/keys.js';
import type { StoredEvent } from '../events/stored-event.js';
import { BatchState } from './batch-state.js';
import type { ProjectionChange } from './projection.js';
import type { ProjectionRegistry } from './projection-registry.js';
import type { ProjectionCommand } from './write-set.js';

export type HashLoader = (keys: ReadonlyArray<string>) => Promise<Map<string, Map<string, string>>>;

export interface ProjectedBatch {
  readonly commands: ProjectionCommand[];
  readonly change: ProjectionChange | null;
  /** Events some projection could not apply (recorded in the failures hash, never retried). */
  readonly failures: number;
}

/**
 * Folds a batch of log events through every registered projection into one set of
 * coalesced writes. Reads are declared up front and fetched in one round trip.
 */
export async function projectBatch(
  events: ReadonlyArray<StoredEvent>,
  registry: ProjectionRegistry,
  keys: ProjectionKeys,
  rules: KpiRules,
  loadHashes: HashLoader,
): Promise<ProjectedBatch> {
  const reads = new Set<string>();
  for (const { event } of events) {
    for (const projection of registry.forType(event.type)) {
      for (const key of readsOf(projection.readsFor, event, keys)) reads.add(key);
    }
  }
  const batch = new BatchState(keys, rules, await loadHashes([...reads]));
  let failures = 0;
  for (const { event } of events) {
    for (const projection of registry.forType(event.type)) {
      const staging = batch.stage();
      try {
        projection.apply(event, staging);
        batch.commit(staging);
      } catch (error) {
        failures += 1;
        const record = batch.stage();
        record.hset(
          keys.projectionFailures(),
          event.id,
          JSON.stringify({
            type: event.type,
            projection: projection.name,
            reason: error instanceof Error ? error.message : String(error),
          }),
        );
        batch.commit(record);
      }
    }
  }
  return { commands: batch.writeSet().commands(), change: batch.change(), failures };
}

function readsOf(
  readsFor: ((event: StoredEvent['event'], keys: ProjectionKeys) => ReadonlyArray<string>) | undefined,
  event: StoredEvent['event'],
  keys: ProjectionKeys,
): ReadonlyArray<string> {
  if (!readsFor) return [];
  try {
    return readsFor(event, keys);
  } catch {
    // A malformed event may break readsFor; apply() will fail on it and record why.
    return [];
  }
}
