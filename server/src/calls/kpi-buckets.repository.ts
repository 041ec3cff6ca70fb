import { Inject, Injectable } from '@nestjs/common';
import { emptyCounters, KPI_COUNTER_FIELDS, type BucketRef, type KpiCounters } from '@iris/shared';
import { REDIS_CLIENT, type RedisClient } from '../redis/redis-client.js';
import { StoreKeys, type KpiScope } from '../redis/keys.js';
import { flatReplyToMap } from '../projector/projection-store.repository.js';

/** Reads KPI bucket counters (written by KpiProjection) for a set of tiles, in one round trip. */
@Injectable()
export class KpiBucketsRepository {
  constructor(
    @Inject(REDIS_CLIENT) private readonly client: RedisClient,
    private readonly keys: StoreKeys,
  ) {}

  /** Sums the counters of each group of tiles; distinct buckets are fetched once. */
  async sums(groups: ReadonlyArray<{ scope: KpiScope; tiles: ReadonlyArray<BucketRef> }>): Promise<KpiCounters[]> {
    const projection = this.keys.projections();
    const keyOf = (scope: KpiScope, tile: BucketRef) => projection.kpiBucket(scope, tile.granularity, tile.id);
    const distinct = [...new Set(groups.flatMap((g) => g.tiles.map((t) => keyOf(g.scope, t))))];
    const replies = await Promise.all(distinct.map((key) => this.client.sendCommand(['HGETALL', key])));
    const byKey = new Map(distinct.map((key, i) => [key, flatReplyToMap(replies[i])]));
    return groups.map((group) => {
      const sum = emptyCounters();
      for (const tile of group.tiles) {
        const hash = byKey.get(keyOf(group.scope, tile));
        if (!hash) continue;
        for (const field of KPI_COUNTER_FIELDS) sum[field] += Number(hash.get(field) ?? 0);
      }
      return sum;
    });
  }

  /** Queues with calls or member changes, with the time of their first activity. */
  async queueActivity(): Promise<Map<string, number>> {
    const reply = await this.client.sendCommand(['HGETALL', this.keys.projections().queueActivity()]);
    return new Map([...flatReplyToMap(reply)].map(([queue, at]) => [queue, Number(at)]));
  }
}
