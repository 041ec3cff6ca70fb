import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { REDIS_CLIENT, closeRedis, duplicateConnection, type RedisClient } from '../redis/redis-client.js';
import { StoreKeys } from '../redis/keys.js';
import type { ProjectionChange } from './projection.js';

export type ProjectionChangeListener = (change: ProjectionChange) => void;

/**
 * What each projected batch changed, heard by every replica: the apply script publishes it
 * on the changes channel when its writes commit; this service subscribes once (its own
 * connection) and fans out to in-process listeners, e.g. the socket gateway.
 */
@Injectable()
export class ProjectionChanges implements OnModuleDestroy {
  private readonly logger = new Logger(ProjectionChanges.name);
  private readonly listeners = new Set<ProjectionChangeListener>();
  private subscriber: Promise<RedisClient> | null = null;

  constructor(
    @Inject(REDIS_CLIENT) private readonly client: RedisClient,
    private readonly keys: StoreKeys,
  ) {}

  /** Starts listening (idempotent); subscribe() calls it, await it to be sure no change is missed from now on. */
  async ready(): Promise<void> {
    this.subscriber ??= this.connect();
    await this.subscriber;
  }

  subscribe(listener: ProjectionChangeListener): () => void {
    this.listeners.add(listener);
    this.ready().catch((error) => this.logger.error(`cannot subscribe to projection changes: ${String(error)}`));
    return () => this.listeners.delete(listener);
  }

  async onModuleDestroy(): Promise<void> {
    const subscriber = this.subscriber;
    this.subscriber = null;
    this.listeners.clear();
    if (subscriber) await closeRedis(await subscriber).catch(() => {});
  }

  private async connect(): Promise<RedisClient> {
    const subscriber = await duplicateConnection(this.client, (error) =>
      this.logger.warn(`changes subscriber: ${error.message}`),
    );
    await subscriber.subscribe(this.keys.changesChannel(), (message: string) => {
      let change: ProjectionChange;
      try {
        change = JSON.parse(message) as ProjectionChange;
      } catch {
        return;
      }
      for (const listener of this.listeners) {
        try {
          listener(change);
        } catch (error) {
          this.logger.error(`projection change listener failed: ${String(error)}`);
        }
      }
    });
    return subscriber;
  }
}
