import { dayBucket, type DomainEvent } from '@iris/shared';
import { closeRedis, connectRedis, type RedisClient } from '../../src/redis/redis-client.js';
import { StoreKeys } from '../../src/redis/keys.js';
import { EventLogRepository } from '../../src/events/event-log.repository.js';
import { ProjectionRegistry } from '../../src/projector/projection-registry.js';
import { Projector } from '../../src/projector/projector.js';
import { flatReplyToMap, ProjectionStoreRepository } from '../../src/projector/projection-store.repository.js';
import { rebuildAndCompare } from '../../src/projector/rebuild.js';
import { registerCallProjections } from '../../src/calls/calls-projections.js';
import { ProjectionChanges } from '../../src/projector/projection-changes.service.js';
import type { ProjectionChange, Projection } from '../../src/projector/projection.js';
import { simulatedCallDay } from '../../src/calls/simulated-call-day.js';
import { callEvents, redisUrl, testPrefix } from './kpi-test-support.js';

const RULES = { shortAbandonSeconds: 5, defaultServiceLevelSeconds: 20 };

function callRegistry(): ProjectionRegistry {
  const registry = new ProjectionRegistry();
  registerCallProjections(registry);
  return registry;
}

async function until(condition: () => Promise<boolean> | boolean): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('projector: one at a time, exactly once, extensible', () => {
  let client: RedisClient;
  let keys: StoreKeys;
  let log: EventLogRepository;
  const projectors: Projector[] = [];

  beforeEach(async () => {
    client = await connectRedis(redisUrl());
    keys = new StoreKeys(testPrefix());
    log = new EventLogRepository(client, keys, 3600);
  });
  afterEach(async () => {
    await Promise.all(projectors.splice(0).map((p) => p.stop()));
    await closeRedis(client);
  });

  function projector(registry = callRegistry(), options = {}): Projector {
    const p = new Projector(client, keys, registry, RULES, { leaseTtlMs: 600, batchSize: 50, ...options });
    projectors.push(p);
    return p;
  }

  const start = Date.now() - 3 * 3_600_000;

  it('only the lease holder projects; when it stops, another takes over and finishes the log exactly once', async () => {
    const events = simulatedCallDay({ calls: 300, start, spanMs: 2 * 3_600_000, seed: 3 });
    await log.append(events.slice(0, 600));
    const a = projector();
    const b = projector();
    a.start();
    await until(async () => (await a.status()).projected === 600);
    b.start();
    expect(a.isHolder).toBe(true);
    expect(b.isHolder).toBe(false);
    await a.stop();
    await log.append(events.slice(600));
    await until(async () => (await b.status()).projected === events.length);
    expect(b.isHolder).toBe(true);
    const report = await rebuildAndCompare(client, keys, callRegistry(), RULES);
    expect(report).toMatchObject({ events: events.length, equal: true, differences: [] });
    expect(report.keysCompared).toBeGreaterThan(10);
  });

  it('several projectors started together: one holds the lease, every event is projected exactly once', async () => {
    const events = simulatedCallDay({ calls: 400, start, spanMs: 2 * 3_600_000, seed: 4 });
    await log.append(events);
    const contenders = [projector(), projector(), projector()];
    contenders.forEach((p) => p.start());
    await until(async () => (await contenders[0]!.status()).projected === events.length);
    expect(contenders.filter((p) => p.isHolder)).toHaveLength(1);
    expect(Number(await client.sendCommand(['GET', keys.projectorCount()]))).toBe(events.length);
    expect((await rebuildAndCompare(client, keys, callRegistry(), RULES)).equal).toBe(true);
  });

  it('takes over from a holder that died without releasing the lease (it expires)', async () => {
    await log.append(callEvents('accueil', 'c1', start, { kind: 'answered', waitSeconds: 3, talkSeconds: 30 }));
    // A holder that took the lease and then vanished: nobody renews it.
    await client.sendCommand(['SET', keys.projectorLease(), 'dead-holder', 'PX', '500']);
    const b = projector();
    b.start();
    await until(async () => (await b.status()).projected === 3);
    expect(b.isHolder).toBe(true);
  });

  it('fences a deposed holder: a batch computed under a lost lease or from a moved cursor writes nothing', async () => {
    await log.append(callEvents('accueil', 'c1', start, { kind: 'abandoned', waitSeconds: 30 }));
    const store = new ProjectionStoreRepository(client);
    const cursorKeys = { cursor: keys.projectorCursor(), count: keys.projectorCount(), lease: keys.projectorLease() };
    await client.sendCommand(['SET', keys.projectorLease(), 'new-holder']);
    const probe = keys.projections().queues();
    const write = {
      expectedCursor: '0',
      newCursor: '1-0',
      eventCount: 1,
      channel: '',
      message: '',
      commands: [['HSET', probe, 'x', '1'] as const],
    };
    expect(await store.apply(cursorKeys, { ...write, leaseToken: 'old-holder' })).toBe('lease-lost');
    expect(await store.apply(cursorKeys, { ...write, leaseToken: 'new-holder', expectedCursor: '5-0' })).toBe(
      'cursor-moved',
    );
    expect(await client.sendCommand(['HGET', probe, 'x'])).toBeNull();
    expect(await store.readCursor(cursorKeys)).toEqual({ cursor: '0', count: 0 });
  });

  it('announces what each batch changed to every subscriber', async () => {
    const changes = new ProjectionChanges(client, keys);
    const heard: ProjectionChange[] = [];
    changes.subscribe((change) => heard.push(change));
    await changes.ready();
    await log.append(callEvents('etat-civil', 'c9', start, { kind: 'answered', waitSeconds: 3, talkSeconds: 30 }));
    const p = projector();
    await p.catchUp();
    await until(() => heard.length > 0);
    expect(heard[0]).toEqual({ queues: ['etat-civil'], agents: ['1001'], kpis: true });
    await changes.onModuleDestroy();
  });

  it('runs projections other features register, skips unknown event types, and records a failing event without stopping', async () => {
    const registry = callRegistry();
    const counter: Projection = {
      name: 'test.desk-counter',
      eventTypes: ['desk.ticket_taken'],
      readsFor: (_event, k) => [k.queues()],
      apply(event, state) {
        if ((event.data as { bad?: boolean }).bad) throw new Error('ticket without a number');
        state.hincrBy(`${state.keys.root}test:tickets`, 'taken', 1);
        state.changed({ desk: true });
      },
    };
    registry.register(counter);
    expect(() => registry.register(counter)).toThrow(/already registered/);
    const ticket = (id: string, bad = false) =>
      ({ id, type: 'desk.ticket_taken', v: 1, at: start, source: 'desk', data: { bad } }) as unknown as DomainEvent;
    const unknown = {
      id: 'u1',
      type: 'somebody.else_event',
      v: 1,
      at: start,
      source: 'iris',
      data: {},
    } as unknown as DomainEvent;
    await log.append([
      ticket('t1'),
      unknown,
      ticket('t2', true),
      ticket('t3'),
      ...callEvents('accueil', 'c1', start, { kind: 'timed_out', waitSeconds: 60 }),
    ]);
    const p = projector(registry);
    expect(await p.catchUp()).toBe(6);
    expect(await client.sendCommand(['HGET', `${keys.projections().root}test:tickets`, 'taken'])).toBe('2');
    const failure = JSON.parse(
      String(await client.sendCommand(['HGET', keys.projections().projectionFailures(), 't2'])),
    );
    expect(failure).toEqual({
      type: 'desk.ticket_taken',
      projection: 'test.desk-counter',
      reason: 'ticket without a number',
    });
    expect(await p.status()).toMatchObject({ projected: 6, lagEvents: 0 });
    expect((await rebuildAndCompare(client, keys, registry, RULES)).equal).toBe(true);
  });

  it('a transferred call days old, its two outcomes in two batches, counts once in the front office, live and rebuilt', async () => {
    const old = Date.now() - 3 * 86_400_000;
    await log.append([
      ...callEvents('accueil', 'uid-a', old, { kind: 'timed_out', waitSeconds: 60 }, 'linked-old'),
      ...callEvents(
        'etat-civil',
        'uid-b',
        old + 61_000,
        { kind: 'answered', waitSeconds: 5, talkSeconds: 40 },
        'linked-old',
      ),
    ]);
    const oneByOne = new Projector(client, keys, callRegistry(), RULES, { batchSize: 1 });
    projectors.push(oneByOne);
    expect(await oneByOne.catchUp()).toBe(5);
    const day = dayBucket(old + 70_000);
    const bucket = flatReplyToMap(
      await client.sendCommand(['HGETALL', keys.projections().kpiBucket('front-office', 'day', day.id)]),
    );
    expect(Object.fromEntries(bucket)).toEqual({
      timedOut: '0',
      answered: '1',
      answeredWaitSeconds: '5',
      answeredWithinServiceLevel: '1',
      completed: '1',
      talkSeconds: '40',
    });
    expect(await rebuildAndCompare(client, keys, callRegistry(), RULES, { batchSize: 1 })).toMatchObject({
      equal: true,
      events: 5,
    });
  });

  it('rebuild finds a live projection that does not match the log', async () => {
    await log.append(simulatedCallDay({ calls: 50, start, spanMs: 3_600_000, seed: 9 }));
    await projector().catchUp();
    const agents = keys.projections().agents();
    await client.sendCommand(['HSET', agents, 'intruder', '{}']);
    const report = await rebuildAndCompare(client, keys, callRegistry(), RULES);
    expect(report.equal).toBe(false);
    expect(report.differences).toEqual(['agents: field intruder only live']);
    // The fresh keys are removed after the comparison.
    expect(await client.sendCommand(['KEYS', `${keys.prefix}rebuild:*`])).toEqual([]);
  });
});
