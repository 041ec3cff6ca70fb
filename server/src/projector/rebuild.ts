import type { KpiRules } from '../redis/store-options.js';
import type { StoreKeys } from '../redis/keys.js';
import type { RedisClient } from '../redis/redis-client.js';
import { EventLogRepository } from '../events/event-log.repository.js';
import { flatReplyToMap, ProjectionStoreRepository } from './projection-store.repository.js';
import type { ProjectionRegistry } from './projection-registry.js';
import { ProjectionRunner } from './projection-runner.js';

export interface RebuildReport {
  /** Events folded into the fresh projections. */
  readonly events: number;
  /** Whole rebuild: recompute + compare. */
  readonly durationMs: number;
  /** Recomputing the projections from the log. */
  readonly projectMs: number;
  /** Comparing them with the live ones. */
  readonly compareMs: number;
  /** Stream id up to which both sides were compared. */
  readonly cursor: string;
  readonly keysCompared: number;
  /** True when every live projection key equals its rebuilt twin (content and expiry). */
  readonly equal: boolean;
  /** The first differences found (key and what differs). */
  readonly differences: string[];
}

export interface RebuildOptions {
  readonly batchSize?: number;
  /** Keep the fresh keys after comparing (default: deleted). */
  readonly keep?: boolean;
  /** How many times to catch up with a live projector that moved during the comparison. */
  readonly attempts?: number;
}

const MAX_DIFFERENCES = 20;

/**
 * Recomputes every projection from the log into fresh keys (<prefix>rebuild:p:), up to the
 * live projector's cursor, and compares them key by key with the live ones. The live
 * projector keeps running: if its cursor moved during the comparison, the rebuild catches
 * up to the new cursor and compares again.
 */
export async function rebuildAndCompare(
  client: RedisClient,
  keys: StoreKeys,
  registry: ProjectionRegistry,
  rules: KpiRules,
  options: RebuildOptions = {},
): Promise<RebuildReport> {
  const started = Date.now();
  const batchSize = options.batchSize ?? 2000;
  const fresh = keys.rebuildProjections();
  await deleteMatching(client, `${keys.prefix}rebuild:*`);
  const store = new ProjectionStoreRepository(client);
  const runner = new ProjectionRunner(
    new EventLogRepository(client, keys, 0),
    store,
    registry,
    rules,
    fresh,
    { cursor: keys.rebuildCursor(), count: keys.rebuildCount(), lease: keys.rebuildCursor() },
    '',
  );
  const liveCursorKeys = { cursor: keys.projectorCursor(), count: keys.projectorCount(), lease: keys.projectorLease() };
  let events = 0;
  let comparison: { keysCompared: number; differences: string[] } = { keysCompared: 0, differences: [] };
  let cursor = '0';
  let projectMs = 0;
  let compareMs = 0;
  for (let attempt = 0; attempt < (options.attempts ?? 5); attempt++) {
    cursor = (await store.readCursor(liveCursorKeys)).cursor;
    const projectStarted = Date.now();
    if (cursor !== '0') events += await runner.catchUp('', batchSize, cursor);
    const compareStarted = Date.now();
    projectMs += compareStarted - projectStarted;
    comparison = await compareNamespaces(client, keys.projections().root, fresh.root);
    compareMs += Date.now() - compareStarted;
    if ((await store.readCursor(liveCursorKeys)).cursor === cursor) break;
  }
  if (!options.keep) await deleteMatching(client, `${keys.prefix}rebuild:*`);
  return {
    events,
    durationMs: Date.now() - started,
    projectMs,
    compareMs,
    cursor,
    keysCompared: comparison.keysCompared,
    equal: comparison.differences.length === 0,
    differences: comparison.differences,
  };
}

async function scanKeys(client: RedisClient, pattern: string): Promise<string[]> {
  const found: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = (await client.sendCommand([
      'SCAN',
      cursor,
      'MATCH',
      pattern,
      'COUNT',
      '1000',
    ])) as unknown as [string, string[]];
    cursor = next;
    found.push(...batch);
  } while (cursor !== '0');
  return found;
}

export async function deleteMatching(client: RedisClient, pattern: string): Promise<number> {
  const found = await scanKeys(client, pattern);
  for (let i = 0; i < found.length; i += 500) await client.sendCommand(['UNLINK', ...found.slice(i, i + 500)]);
  return found.length;
}

/** Escapes glob characters so a key prefix matches literally in SCAN MATCH. */
function globLiteral(text: string): string {
  return text.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
}

/** Compares every key under two roots: same suffixes, same type, same content, same expiry. */
export async function compareNamespaces(
  client: RedisClient,
  liveRoot: string,
  freshRoot: string,
): Promise<{ keysCompared: number; differences: string[] }> {
  const live = new Set((await scanKeys(client, `${globLiteral(liveRoot)}*`)).map((k) => k.slice(liveRoot.length)));
  const fresh = new Set((await scanKeys(client, `${globLiteral(freshRoot)}*`)).map((k) => k.slice(freshRoot.length)));
  const differences: string[] = [];
  const note = (text: string) => {
    if (differences.length < MAX_DIFFERENCES) differences.push(text);
  };
  for (const suffix of live) if (!fresh.has(suffix)) note(`${suffix}: only in the live projections`);
  for (const suffix of fresh) if (!live.has(suffix)) note(`${suffix}: missing from the live projections`);
  const common = [...live].filter((suffix) => fresh.has(suffix));
  for (let i = 0; i < common.length; i += 200) {
    const chunk = common.slice(i, i + 200);
    const [left, right] = await Promise.all([
      describeKeys(
        client,
        chunk.map((s) => liveRoot + s),
      ),
      describeKeys(
        client,
        chunk.map((s) => freshRoot + s),
      ),
    ]);
    chunk.forEach((suffix, j) => {
      const difference = describeDifference(left[j]!, right[j]!);
      if (difference) note(`${suffix}: ${difference}`);
    });
  }
  return { keysCompared: live.size, differences };
}

interface KeyDescription {
  readonly type: string;
  readonly expiry: string;
  readonly content: unknown;
}

/** What differs between the live and the rebuilt version of a key, in words; null when equal. */
function describeDifference(live: KeyDescription, rebuilt: KeyDescription): string | null {
  if (JSON.stringify(live) === JSON.stringify(rebuilt)) return null;
  if (live.type !== rebuilt.type) return `type ${live.type} live vs ${rebuilt.type} rebuilt`;
  if (live.expiry !== rebuilt.expiry) return `expires at ${live.expiry} live vs ${rebuilt.expiry} rebuilt`;
  if (live.type === 'hash') {
    const a = new Map(live.content as Array<[string, string]>);
    const b = new Map(rebuilt.content as Array<[string, string]>);
    const fields: string[] = [];
    for (const [field, value] of a) {
      if (!b.has(field)) fields.push(`field ${field} only live`);
      else if (b.get(field) !== value)
        fields.push(`field ${field}: live ${abbreviate(value)} vs rebuilt ${abbreviate(b.get(field)!)}`);
    }
    for (const field of b.keys()) if (!a.has(field)) fields.push(`field ${field} missing live`);
    return fields.slice(0, 3).join('; ') + (fields.length > 3 ? `; and ${fields.length - 3} more fields` : '');
  }
  return `live ${abbreviate(JSON.stringify(live.content))} vs rebuilt ${abbreviate(JSON.stringify(rebuilt.content))}`;
}

/** A canonical description of each key's type, content and absolute expiry. */
async function describeKeys(client: RedisClient, keys: ReadonlyArray<string>): Promise<KeyDescription[]> {
  const types = (await Promise.all(keys.map((key) => client.sendCommand(['TYPE', key])))) as unknown as string[];
  return Promise.all(
    keys.map(async (key, i) => {
      const type = types[i]!;
      const expiry = String(await client.sendCommand(['PEXPIRETIME', key]));
      let content: unknown;
      switch (type) {
        case 'hash':
          content = [...flatReplyToMap(await client.sendCommand(['HGETALL', key]))].sort(([a], [b]) =>
            a < b ? -1 : a > b ? 1 : 0,
          );
          break;
        case 'string':
          content = await client.sendCommand(['GET', key]);
          break;
        case 'set':
          content = ((await client.sendCommand(['SMEMBERS', key])) as unknown as string[]).sort();
          break;
        case 'zset':
          content = await client.sendCommand(['ZRANGE', key, '0', '-1', 'WITHSCORES']);
          break;
        case 'list':
          content = await client.sendCommand(['LRANGE', key, '0', '-1']);
          break;
        default:
          content = null;
      }
      return { type, expiry, content };
    }),
  );
}

function abbreviate(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
