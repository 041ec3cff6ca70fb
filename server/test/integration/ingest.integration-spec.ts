import { IrisError, type DomainEvent } from '@iris/shared';
import { REDIS_CLIENT, type RedisClient } from '../../src/redis/redis-client.js';
import { StoreKeys } from '../../src/redis/keys.js';
import { IngestService } from '../../src/events/ingest.service.js';
import { ProjectorService } from '../../src/projector/projector.service.js';
import { KpiQueryService } from '../../src/calls/kpi-query.service.js';
import { callEvents, storeApp, storeOptions } from './kpi-test-support.js';

describe('ingest: dedupe + append in one step', () => {
  const options = storeOptions();
  let app: Awaited<ReturnType<typeof storeApp>>;
  let ingest: IngestService;
  let client: RedisClient;
  let keys: StoreKeys;

  beforeAll(async () => {
    app = await storeApp(options);
    ingest = app.get(IngestService);
    client = app.get(REDIS_CLIENT);
    keys = app.get(StoreKeys);
  });
  afterAll(async () => {
    await app.close();
  });

  const base = Date.UTC(2026, 10, 28, 9, 0, 0);
  const events = [
    ...callEvents('accueil', 'c1', base, { kind: 'answered', waitSeconds: 4, talkSeconds: 60 }),
    ...callEvents('accueil', 'c2', base + 1000, { kind: 'abandoned', waitSeconds: 12 }),
  ];

  it('appends new events and reports the ones it already has as duplicates', async () => {
    expect(await ingest.ingest(events)).toEqual({ appended: 5, duplicates: 0 });
    expect(await ingest.ingest(events)).toEqual({ appended: 0, duplicates: 5 });
    expect(await ingest.ingest([...events.slice(0, 2), events[0]!])).toEqual({ appended: 0, duplicates: 3 });
    expect(Number(await client.sendCommand(['XLEN', keys.eventLog()]))).toBe(5);
  });

  it('catches a duplicate inside one batch', async () => {
    const fresh = callEvents('accueil', 'c3', base + 2000, { kind: 'timed_out', waitSeconds: 60 });
    expect(await ingest.ingest([...fresh, ...fresh])).toEqual({ appended: 2, duplicates: 2 });
  });

  it('refuses a batch with a malformed event whole, saying why, and stores nothing of it', async () => {
    const before = Number(await client.sendCommand(['XLEN', keys.eventLog()]));
    const good = callEvents('accueil', 'c4', base + 3000, { kind: 'exited', waitSeconds: 8 });
    const bad = { ...good[0]!, id: '', at: Number.NaN } as DomainEvent;
    const attempt = ingest.ingest([...good, bad]);
    await expect(attempt).rejects.toBeInstanceOf(IrisError);
    await expect(attempt).rejects.toMatchObject({ code: 'EVENT_INVALID' });
    await expect(attempt).rejects.toThrow(/#2 "": id: .*; at: /);
    expect(Number(await client.sendCommand(['XLEN', keys.eventLog()]))).toBe(before);
    // The good events are still welcome afterwards: nothing was marked as seen.
    expect(await ingest.ingest(good)).toEqual({ appended: 2, duplicates: 0 });
  });

  it('checks every payload against its type: a bad field, a field the schema does not know, an unknown type', async () => {
    const [queued] = callEvents('accueil', 'c5', base + 4000, { kind: 'answered', waitSeconds: 2, talkSeconds: 9 });
    const negativeWait = { ...queued!, id: 'test:bad-1', data: { ...queued!.data, position: -1 } } as DomainEvent;
    const extraField = {
      ...queued!,
      id: 'test:bad-2',
      data: { ...queued!.data, secret: 'x' },
    } as unknown as DomainEvent;
    const unknownType = { ...queued!, id: 'test:bad-3', type: 'future.thing_happened' } as unknown as DomainEvent;
    for (const [event, problem] of [
      [negativeWait, /data\.position: /],
      [extraField, /data: Unrecognized key/i],
      [unknownType, /type: unknown event type "future\.thing_happened"/],
    ] as const) {
      await expect(ingest.ingest([event])).rejects.toThrow(problem);
    }
    expect(ingest.refusalCounts()).toEqual(
      expect.arrayContaining([
        { type: 'call.queued', reason: 'data', count: 2 },
        { type: 'unknown', reason: 'unknown_type', count: 1 },
      ]),
    );
  });

  it('ingestEach stores the valid events of a stream and hands back the refused ones', async () => {
    const before = Number(await client.sendCommand(['XLEN', keys.eventLog()]));
    const good = callEvents('accueil', 'c6', base + 5000, { kind: 'abandoned', waitSeconds: 20 });
    const bad = { ...good[0]!, id: 'test:bad-4', data: { ...good[0]!.data, queue: '' } } as DomainEvent;
    const result = await ingest.ingestEach([good[0]!, bad, good[1]!]);
    expect(result).toMatchObject({ appended: 2, duplicates: 0, refused: [{ index: 1, id: 'test:bad-4' }] });
    expect(result.refused[0]!.problems).toEqual([expect.objectContaining({ path: 'data.queue' })]);
    expect(Number(await client.sendCommand(['XLEN', keys.eventLog()]))).toBe(before + 2);
  });

  it('projects what it stored', async () => {
    const projector = app.get(ProjectorService);
    const projected = await projector.catchUp();
    expect(projected).toBe(11);
    const status = await projector.status();
    expect(status).toMatchObject({ holder: true, projected: 11, lagEvents: 0, lagMs: 0 });
    const figures = await app.get(KpiQueryService).figures({ queue: 'accueil', from: base, to: base + 3_600_000 });
    expect(figures).toMatchObject({ offered: 5, answered: 1, abandoned: 2, timedOut: 1, exited: 1, pickupRate: 0.2 });
  });
});
