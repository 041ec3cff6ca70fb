import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { REDIS_CLIENT, type RedisClient } from '../redis/redis-client.js';
import { StoreKeys } from '../redis/keys.js';
import { STORE_OPTIONS, type StoreOptions } from '../redis/store-options.js';
import { ProjectionRegistry } from './projection-registry.js';
import { Projector, type ProjectorStatus } from './projector.js';
import { rebuildAndCompare, type RebuildReport } from './rebuild.js';

/**
 * Runs the projector in this replica when `runProjector` is set. It starts once the
 * application has bootstrapped, i.e. after every feature module registered its
 * projections in onModuleInit. Only the lease holder projects; others stand by.
 */
@Injectable()
export class ProjectorService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ProjectorService.name);
  private readonly projector: Projector;

  constructor(
    @Inject(REDIS_CLIENT) private readonly client: RedisClient,
    private readonly keys: StoreKeys,
    private readonly registry: ProjectionRegistry,
    @Inject(STORE_OPTIONS) private readonly options: StoreOptions,
  ) {
    this.projector = new Projector(
      client,
      keys,
      registry,
      {
        shortAbandonSeconds: options.shortAbandonSeconds,
        defaultServiceLevelSeconds: options.defaultServiceLevelSeconds,
      },
      {
        onError: (error) =>
          this.logger.warn(
            `projector step failed, retrying: ${error instanceof Error ? error.message : String(error)}`,
          ),
      },
    );
  }

  onApplicationBootstrap(): void {
    if (this.options.runProjector) this.projector.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.projector.stop();
  }

  /** Holder or not, cursor, events projected, lag in events and in ms. */
  status(): Promise<ProjectorStatus> {
    return this.projector.status();
  }

  /**
   * Recomputes every projection from the log into fresh keys with this server's registry
   * (every feature's projections) and proves they equal the live ones (for an admin endpoint).
   */
  rebuild(): Promise<RebuildReport> {
    return rebuildAndCompare(this.client, this.keys, this.registry, {
      shortAbandonSeconds: this.options.shortAbandonSeconds,
      defaultServiceLevelSeconds: this.options.defaultServiceLevelSeconds,
    });
  }

  /** Projects everything appended so far, now (tests and tools; needs the lease). */
  catchUp(): Promise<number> {
    return this.projector.catchUp();
  }
}
