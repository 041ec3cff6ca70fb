import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { IngestService } from '../events/ingest.service.js';
import { KpiQueryService } from '../calls/kpi-query.service.js';
import { ProjectorService } from '../projector/projector.service.js';
import { REDIS_CLIENT, type RedisClient } from '../redis/redis-client.js';
import { StoreKeys } from '../redis/keys.js';
import { StoreModule } from '../redis/store.module.js';
import { ProjectionRegistry } from '../projector/projection-registry.js';
import type { StoreOptions } from '../redis/store-options.js';

/** The server's Redis layer, wired by Nest exactly as in the server, for command-line use. */
export async function openStore(options: StoreOptions) {
  const app = await NestFactory.createApplicationContext(StoreModule.forRoot(options), { logger: ['error'] });
  await app.init();
  return {
    ingest: app.get(IngestService),
    projector: app.get(ProjectorService),
    kpis: app.get(KpiQueryService),
    client: app.get<RedisClient>(REDIS_CLIENT),
    keys: app.get(StoreKeys),
    registry: app.get(ProjectionRegistry),
    close: () => app.close(),
  };
}

export type StoreContext = Awaited<ReturnType<typeof openStore>>;
