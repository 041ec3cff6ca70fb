import {
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { EventLogRepository } from '../events/event-log.repository.js';
import { IngestService } from '../events/ingest.service.js';
import { ProjectionChanges } from '../projector/projection-changes.service.js';
import { ProjectionRegistry } from '../projector/projection-registry.js';
import { ProjectorService } from '../projector/projector.service.js';
import { registerCallProjections } from '../calls/calls-projections.js';
import { KpiBucketsRepository } from '../calls/kpi-buckets.repository.js';
import { KpiQueryService } from '../calls/kpi-query.service.js';
import { LiveStateReader } from '../calls/live-state.reader.js';
import { LiveStateRepository } from '../calls/live-state.repository.js';
import { StoreKeys } from './keys.js';
import { closeRedis, connectRedis, REDIS_CLIENT, type RedisClient } from './redis-client.js';
import {
  DEDUPE_WINDOW_SECONDS,
  DEFAULT_DEDUPE_WINDOW_SECONDS,
  STORE_OPTIONS,
  type StoreOptions,
} from './store-options.js';

/**
 * DESIGN.md asks for AOF on: without it a crash loses acknowledged events. A managed Redis
 * may forbid CONFIG; then nothing can be checked and nothing is said.
 */
async function warnIfNotDurable(client: RedisClient, logger: Logger): Promise<void> {
  try {
    const reply = (await client.sendCommand(['CONFIG', 'GET', 'appendonly'])) as unknown as string[];
    if (reply[1] !== 'yes')
      logger.warn(
        'Redis runs without AOF (appendonly no): acknowledged events may be lost in a crash; set appendonly yes',
      );
  } catch {
    // CONFIG disabled: the operator answers for durability.
  }
}

/** Closes the shared client last, after every module stopped using it. */
@Injectable()
class RedisConnectionCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS_CLIENT) private readonly client: RedisClient) {}

  async onApplicationShutdown(): Promise<void> {
    await closeRedis(this.client);
  }
}

/**
 * The server's Redis layer, global: the client (token REDIS_CLIENT), ingest, the projector
 * and its registry, change announcements, KPI queries and live state reads.
 * The server adds `StoreModule.forRoot({...})` to AppModule from its validated config.
 */
@Global()
@Module({})
export class StoreModule {
  static forRoot(options: StoreOptions): DynamicModule {
    const logger = new Logger('Redis');
    const exported = [
      REDIS_CLIENT,
      StoreKeys,
      STORE_OPTIONS,
      IngestService,
      EventLogRepository,
      KpiQueryService,
      LiveStateReader,
      ProjectionChanges,
      ProjectionRegistry,
      ProjectorService,
    ];
    return {
      module: StoreModule,
      global: true,
      providers: [
        { provide: STORE_OPTIONS, useValue: options },
        { provide: StoreKeys, useValue: new StoreKeys(options.keyPrefix) },
        { provide: DEDUPE_WINDOW_SECONDS, useValue: options.dedupeWindowSeconds ?? DEFAULT_DEDUPE_WINDOW_SECONDS },
        {
          provide: REDIS_CLIENT,
          useFactory: async () => {
            const client = await connectRedis(options.redisUrl, (error) =>
              logger.warn(`Redis connection: ${error.message}`),
            );
            await warnIfNotDurable(client, logger);
            return client;
          },
        },
        {
          provide: ProjectionRegistry,
          useFactory: () => {
            const registry = new ProjectionRegistry();
            registerCallProjections(registry);
            return registry;
          },
        },
        RedisConnectionCloser,
        EventLogRepository,
        IngestService,
        ProjectorService,
        ProjectionChanges,
        KpiBucketsRepository,
        KpiQueryService,
        LiveStateRepository,
        LiveStateReader,
      ],
      exports: exported,
    };
  }
}
