import { KEYED_COLLECTIONS, type StatePatch } from '@iris/shared';

/**
 * The patch that turns `previous` into `next` under shared's applyPatch rule: changed
 * top-level fields, and for keyed collections (queues, agents) only the changed entries,
 * with null for removed ones. Returns null when nothing but `ignored` fields (the server's
 * clock) changed, so a tick of the clock alone sends nothing.
 */
export function diffState<S extends object>(
  previous: S,
  next: S,
  ignored: ReadonlySet<string> = CLOCK_FIELDS,
): StatePatch<S> | null {
  const before = previous as Record<string, unknown>;
  const after = next as Record<string, unknown>;
  const patch: Record<string, unknown> = {};
  let meaningful = false;
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const was = before[key];
    const is = after[key];
    if (KEYED_COLLECTIONS.has(key) && isRecord(was) && isRecord(is)) {
      const entries: Record<string, unknown> = {};
      let any = false;
      for (const id of new Set([...Object.keys(was), ...Object.keys(is)])) {
        if (!(id in is)) {
          entries[id] = null;
          any = true;
        } else if (!sameJson(was[id], is[id])) {
          entries[id] = is[id];
          any = true;
        }
      }
      if (any) {
        patch[key] = entries;
        meaningful = true;
      }
    } else if (!sameJson(was, is)) {
      patch[key] = is;
      if (!ignored.has(key)) meaningful = true;
    }
  }
  return meaningful ? (patch as StatePatch<S>) : null;
}

export const CLOCK_FIELDS: ReadonlySet<string> = new Set(['serverTime']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}
