import { LuaScript } from '../redis/lua-script.js';
import type { RedisClient } from '../redis/redis-client.js';
import type { ProjectionCommand } from './write-set.js';

/**
 * Apply + advance cursor in ONE atomic step. The script refuses the batch when the stored
 * cursor is not the one the batch was computed from (another projector moved it: the
 * batch would apply twice) or when the lease is no longer ours (fencing a deposed holder).
 * Commands are whitelisted and checked before any runs, so a refused batch writes nothing.
 * The change announcement is published from inside the script: it goes out exactly when
 * the writes become visible.
 *
 * KEYS: cursor, count, lease. ARGV: expected cursor, new cursor, events in batch, lease
 * token ('' = no lease, for rebuilds), channel ('' = none), message, then commands as
 * (op, argc, args...).
 */
const APPLY_SCRIPT = new LuaScript(`
local current = redis.call('GET', KEYS[1]) or '0'
if current ~= ARGV[1] then return { 0, current } end
if ARGV[4] ~= '' and redis.call('GET', KEYS[3]) ~= ARGV[4] then return { -1, current } end
local allowed = { HSET = true, HDEL = true, HINCRBY = true, DEL = true, PEXPIREAT = true }
local n = #ARGV
local i = 7
while i <= n do
  if not allowed[ARGV[i]] then return redis.error_reply('projection command not allowed: ' .. ARGV[i]) end
  i = i + 2 + tonumber(ARGV[i + 1])
end
i = 7
while i <= n do
  local argc = tonumber(ARGV[i + 1])
  redis.call(ARGV[i], unpack(ARGV, i + 2, i + 1 + argc))
  i = i + 2 + argc
end
redis.call('SET', KEYS[1], ARGV[2])
redis.call('INCRBY', KEYS[2], ARGV[3])
if ARGV[5] ~= '' then redis.call('PUBLISH', ARGV[5], ARGV[6]) end
return { 1, ARGV[2] }
`);

/** HGETALL of every key given, in one script call (read-only). */
const LOAD_SCRIPT = new LuaScript(`
local out = {}
for i, key in ipairs(KEYS) do out[i] = redis.call('HGETALL', key) end
return out
`);
const LOAD_CHUNK = 1000;

export type ApplyOutcome = 'applied' | 'cursor-moved' | 'lease-lost';

export interface CursorKeys {
  readonly cursor: string;
  readonly count: string;
  readonly lease: string;
}

export interface BatchToApply {
  readonly expectedCursor: string;
  readonly newCursor: string;
  readonly eventCount: number;
  /** '' when no lease guards this namespace (a rebuild). */
  readonly leaseToken: string;
  readonly channel: string;
  readonly message: string;
  readonly commands: ReadonlyArray<ProjectionCommand>;
}

export class ProjectionStoreRepository {
  constructor(private readonly client: RedisClient) {}

  async readCursor(keys: CursorKeys): Promise<{ cursor: string; count: number }> {
    const [cursor, count] = (await Promise.all([
      this.client.sendCommand(['GET', keys.cursor]),
      this.client.sendCommand(['GET', keys.count]),
    ])) as unknown as [string | null, string | null];
    return { cursor: cursor ?? '0', count: Number(count ?? 0) };
  }

  /** Fetches hashes with one command per chunk of keys (a batch reads hundreds of small hashes). */
  async loadHashes(keys: ReadonlyArray<string>): Promise<Map<string, Map<string, string>>> {
    const loaded = new Map<string, Map<string, string>>();
    const chunks: string[][] = [];
    for (let i = 0; i < keys.length; i += LOAD_CHUNK) chunks.push(keys.slice(i, i + LOAD_CHUNK));
    const replies = await Promise.all(chunks.map((chunk) => LOAD_SCRIPT.run<unknown[]>(this.client, chunk, [])));
    chunks.forEach((chunk, c) => chunk.forEach((key, i) => loaded.set(key, flatReplyToMap(replies[c]![i]))));
    return loaded;
  }

  async apply(keys: CursorKeys, batch: BatchToApply): Promise<ApplyOutcome> {
    const args = [
      batch.expectedCursor,
      batch.newCursor,
      String(batch.eventCount),
      batch.leaseToken,
      batch.channel,
      batch.message,
    ];
    for (const [op, ...rest] of batch.commands) args.push(op, String(rest.length), ...rest);
    const [status] = await APPLY_SCRIPT.run<[number, string]>(this.client, [keys.cursor, keys.count, keys.lease], args);
    return status === 1 ? 'applied' : status === 0 ? 'cursor-moved' : 'lease-lost';
  }
}

/** HGETALL answers a flat [field, value, ...] array with RESP2, a map object with RESP3. */
export function flatReplyToMap(reply: unknown): Map<string, string> {
  const map = new Map<string, string>();
  if (Array.isArray(reply)) {
    for (let i = 0; i + 1 < reply.length; i += 2) map.set(String(reply[i]), String(reply[i + 1]));
  } else if (reply && typeof reply === 'object') {
    for (const [field, value] of Object.entries(reply as Record<string, unknown>)) map.set(field, String(value));
  }
  return map;
}
