import { Inject, Injectable } from '@nestjs/common';
import type { DomainEvent } from '@iris/shared';
import { LuaScript } from '../redis/lua-script.js';
import { REDIS_CLIENT, type RedisClient } from '../redis/redis-client.js';
import { StoreKeys } from '../redis/keys.js';
import { DEDUPE_WINDOW_SECONDS } from '../redis/store-options.js';
import type { StoredEvent } from './stored-event.js';

/**
 * Dedupe + append in ONE atomic step: for each event, SET NX of its id marker (with a TTL
 * long enough to cover reconnects, hot-standby bridges and replays of recent traffic),
 * and only when that succeeded, XADD to the log. A duplicate inside the same batch is
 * caught too, since the script handles events one after the other.
 */
const APPEND_SCRIPT = new LuaScript(`
local prefix, ttl = ARGV[1], ARGV[2]
local appended, duplicates = 0, 0
for i = 3, #ARGV, 2 do
  if redis.call('SET', prefix .. ARGV[i], '1', 'NX', 'EX', ttl) then
    redis.call('XADD', KEYS[1], '*', 'e', ARGV[i + 1])
    appended = appended + 1
  else
    duplicates = duplicates + 1
  end
end
return { appended, duplicates }
`);

/** Events per script call: large enough to amortise round trips, small enough not to stall Redis. */
export const APPEND_CHUNK_SIZE = 500;

export interface AppendResult {
  appended: number;
  duplicates: number;
}

/** Parses one stream entry ([id, [field, value, ...]]) into a stored event, or null if unreadable. */
export function parseStreamEntry(entry: unknown): StoredEvent | null {
  if (!Array.isArray(entry) || entry.length < 2) return null;
  const streamId = String(entry[0]);
  const fields = entry[1] as unknown[];
  for (let i = 0; i + 1 < fields.length; i += 2) {
    if (String(fields[i]) === 'e') {
      try {
        return { streamId, event: JSON.parse(String(fields[i + 1])) };
      } catch {
        return null;
      }
    }
  }
  return null;
}

@Injectable()
export class EventLogRepository {
  constructor(
    @Inject(REDIS_CLIENT) private readonly client: RedisClient,
    private readonly keys: StoreKeys,
    @Inject(DEDUPE_WINDOW_SECONDS) private readonly dedupeWindowSeconds: number,
  ) {}

  async append(events: ReadonlyArray<DomainEvent>): Promise<AppendResult> {
    const total: AppendResult = { appended: 0, duplicates: 0 };
    for (let start = 0; start < events.length; start += APPEND_CHUNK_SIZE) {
      const args = [this.keys.seenPrefix(), String(this.dedupeWindowSeconds)];
      for (const event of events.slice(start, start + APPEND_CHUNK_SIZE)) args.push(event.id, JSON.stringify(event));
      const [appended, duplicates] = await APPEND_SCRIPT.run<[number, number]>(
        this.client,
        [this.keys.eventLog()],
        args,
      );
      total.appended += appended;
      total.duplicates += duplicates;
    }
    return total;
  }

  /** Up to `count` events strictly after `afterStreamId` ('0' = from the start) and up to `untilStreamId`, in log order. */
  async readAfter(
    afterStreamId: string,
    count: number,
    untilStreamId = '+',
  ): Promise<{ events: StoredEvent[]; lastStreamId: string | null }> {
    const reply = (await this.client.sendCommand([
      'XRANGE',
      this.keys.eventLog(),
      `(${afterStreamId}`,
      untilStreamId,
      'COUNT',
      String(count),
    ])) as unknown[];
    return parseEntries(reply);
  }

  /** Number of events ever appended and the id of the newest one. */
  async head(): Promise<{ entriesAdded: number; lastStreamId: string }> {
    try {
      const info = (await this.client.sendCommand(['XINFO', 'STREAM', this.keys.eventLog()])) as unknown[];
      const map = new Map<string, unknown>();
      for (let i = 0; i + 1 < info.length; i += 2) map.set(String(info[i]), info[i + 1]);
      return {
        entriesAdded: Number(map.get('entries-added') ?? 0),
        lastStreamId: String(map.get('last-generated-id') ?? '0-0'),
      };
    } catch (error) {
      if (error instanceof Error && /no such key/i.test(error.message)) return { entriesAdded: 0, lastStreamId: '0-0' };
      throw error;
    }
  }
}

/**
 * Entries whose payload cannot be parsed are returned with a placeholder event so the
 * cursor still moves past them (and the projection records the failure); the log keeps them.
 */
export function parseEntries(reply: unknown[] | null): { events: StoredEvent[]; lastStreamId: string | null } {
  const events: StoredEvent[] = [];
  let lastStreamId: string | null = null;
  for (const entry of reply ?? []) {
    const parsed = parseStreamEntry(entry);
    const streamId = String((entry as unknown[])[0]);
    lastStreamId = streamId;
    events.push(
      parsed ?? {
        streamId,
        event: { id: `unreadable:${streamId}`, type: 'log.unreadable', v: 1, at: 0, source: 'iris', data: {} },
      },
    );
  }
  return { events, lastStreamId };
}
