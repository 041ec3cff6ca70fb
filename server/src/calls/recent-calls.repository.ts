import { Inject, Injectable } from '@nestjs/common';
import { IrisError } from '@iris/shared';
import { REDIS_CLIENT, type RedisClient } from '../redis/redis-client.js';
import { StoreKeys, type KpiScope } from '../redis/keys.js';
import { flatReplyToMap } from '../projector/projection-store.repository.js';
import type { RecentCallRecord } from './recent-call.record.js';
import { recentCallsFromHash } from './recent-calls.reader.js';

/** Reads the recent-calls lists written by RecentCallsProjection. */
@Injectable()
export class RecentCallsRepository {
  constructor(
    @Inject(REDIS_CLIENT) private readonly client: RedisClient,
    @Inject(StoreKeys) private readonly keys: StoreKeys,
  ) {}

  /**
   * The last finished calls of one queue (or of the front office when `queue` is absent),
   * newest first, at most `limit`. An unknown queue is QUEUE_NOT_FOUND (404), not an empty list.
   */
  async recent(query: { queue?: string; limit: number }): Promise<RecentCallRecord[]> {
    const projection = this.keys.projections();
    const scope: KpiScope = query.queue === undefined ? 'front-office' : { queue: query.queue };
    if (query.queue !== undefined) {
      const known = Number(await this.client.sendCommand(['HEXISTS', projection.queues(), query.queue])) === 1;
      if (!known) throw new IrisError('QUEUE_NOT_FOUND', `File « ${query.queue} » inconnue.`, { queue: query.queue });
    }
    const reply = await this.client.sendCommand(['HGETALL', projection.recentCalls(scope)]);
    return recentCallsFromHash(flatReplyToMap(reply), query.limit);
  }
}
