import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Test, type TestingModule } from '@nestjs/testing';
import type { INestApplication, Provider, Type } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { parisWallClockToEpoch } from '@iris/shared';
import { connectRedis, closeRedis, REDIS_CLIENT, type RedisClient } from '../../src/redis/redis-client.js';
import { StoreKeys } from '../../src/redis/keys.js';
import { DEDUPE_WINDOW_SECONDS } from '../../src/redis/store-options.js';
import { EventLogRepository } from '../../src/events/event-log.repository.js';
import { IngestService } from '../../src/events/ingest.service.js';
import { ProjectionRegistry } from '../../src/projector/projection-registry.js';
import { Projector } from '../../src/projector/projector.js';
import { rebuildAndCompare, type RebuildReport } from '../../src/projector/rebuild.js';
import { Clock } from '../../src/health/clock.js';
import { INTAKE_OPTIONS, type IntakeOptions } from '../../src/intake/intake-options.js';
import { INTAKE_DOMAIN_PROVIDERS } from '../../src/intake/intake-providers.js';
import { registerIntakeProjections } from '../../src/intake/intake-projections.js';
import { IrisExceptionFilter } from '../../src/app/iris-exception.filter.js';

export class TestClock extends Clock {
  time = parisWallClockToEpoch(2026, 11, 26, 9, 0);
  override now(): number {
    return this.time;
  }
  advance(ms: number): void {
    this.time += ms;
  }
}

export const TEST_INTAKE_OPTIONS: IntakeOptions = {
  cityAddress: 'contact@ville-issy.fr',
  smtp: { enabled: false, port: 0, host: '127.0.0.1', maxMessageBytes: 200_000 },
  attachmentMaxBytes: 50_000,
  smtpRelayUrl: undefined,
  sms: {
    webhookSecret: 'test-secret',
    signatureWindowSeconds: 300,
    providerUrl: undefined,
    providerToken: undefined,
    sender: 'MAIRIE',
  },
  autoRouteThreshold: 0.8,
};

export interface IntakeHarness {
  readonly client: RedisClient;
  readonly keys: StoreKeys;
  readonly clock: TestClock;
  readonly moduleRef: TestingModule;
  /** Base URL of the HTTP app when controllers were given (real HTTP, raw body kept for signatures). */
  readonly url: string | null;
  /** Projects everything ingested so far, as the live projector would. */
  project(): Promise<number>;
  /** Recomputes the intake projections from the log and compares them key by key with the live ones. */
  rebuild(): Promise<RebuildReport>;
  /** Every event in this test's log, in order. */
  events(): Promise<Array<{ id: string; type: string; data: Record<string, unknown> }>>;
  close(): Promise<void>;
}

/** A Nest testing module with the real intake domain against the integration run's redis-server. */
export async function startIntakeHarness(
  options: Partial<IntakeOptions> = {},
  extraProviders: Provider[] = [],
  controllers: Type[] = [],
): Promise<IntakeHarness> {
  const client = await connectRedis(process.env.REDIS_URL!);
  const keys = new StoreKeys(`test:${randomUUID()}:`);
  const clock = new TestClock();
  const registry = new ProjectionRegistry();
  registerIntakeProjections(registry);
  const moduleRef = await Test.createTestingModule({
    providers: [
      { provide: REDIS_CLIENT, useValue: client },
      { provide: StoreKeys, useValue: keys },
      { provide: DEDUPE_WINDOW_SECONDS, useValue: 3600 },
      { provide: Clock, useValue: clock },
      { provide: INTAKE_OPTIONS, useValue: { ...TEST_INTAKE_OPTIONS, ...options } },
      EventLogRepository,
      IngestService,
      ...INTAKE_DOMAIN_PROVIDERS,
      ...extraProviders,
    ],
    controllers,
  }).compile();
  let app: INestApplication | null = null;
  let url: string | null = null;
  if (controllers.length > 0) {
    app = moduleRef.createNestApplication({ rawBody: true, logger: false });
    app.useGlobalFilters(new IrisExceptionFilter(pino({ level: 'silent' })));
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  } else {
    await moduleRef.init();
  }
  const rules = { shortAbandonSeconds: 5, defaultServiceLevelSeconds: 20 };
  return {
    client,
    keys,
    clock,
    moduleRef,
    url,
    async project() {
      const projector = new Projector(client, keys, registry, rules);
      try {
        return await projector.catchUp();
      } finally {
        await projector.stop();
      }
    },
    rebuild() {
      return rebuildAndCompare(client, keys, registry, rules);
    },
    async events() {
      const log = moduleRef.get(EventLogRepository);
      const { events } = await log.readAfter('0', 100_000);
      return events.map((e) => e.event as { id: string; type: string; data: Record<string, unknown> });
    },
    async close() {
      if (app) await app.close();
      else await moduleRef.close();
      const stale = (await client.sendCommand(['KEYS', `${keys.prefix}*`])) as string[];
      for (let i = 0; i < stale.length; i += 500) await client.sendCommand(['DEL', ...stale.slice(i, i + 500)]);
      await closeRedis(client);
    },
  };
}
