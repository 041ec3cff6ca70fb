import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { DomainEvent } from '@iris/shared';
import { AmiFrameParser, AmiNormalizer } from '@iris/telephony';
import { IngestService } from '../../src/events/ingest.service.js';
import { EventLogRepository } from '../../src/events/event-log.repository.js';
import { ProjectorService } from '../../src/projector/projector.service.js';
import { ProjectionRegistry } from '../../src/projector/projection-registry.js';
import { Projector } from '../../src/projector/projector.js';
import { rebuildAndCompare } from '../../src/projector/rebuild.js';
import { REDIS_CLIENT, closeRedis, connectRedis, type RedisClient } from '../../src/redis/redis-client.js';
import { StoreKeys } from '../../src/redis/keys.js';
import { QueueStateProjection } from '../../src/calls/queue-state.projection.js';
import { RecentCallsProjection } from '../../src/calls/recent-calls.projection.js';
import { RecentCallsRepository } from '../../src/calls/recent-calls.repository.js';
import { RecentCallsController } from '../../src/calls/recent-calls.controller.js';
import type { RecentCallRecord } from '../../src/calls/recent-call.record.js';
import { capturesDir, redisUrl, storeApp, storeOptions, testPrefix } from './kpi-test-support.js';

/**
 * The recent-calls list of a real Asterisk capture (busy-a: 60 calls in `accueil`),
 * through ingest and the projector into a real Redis, equals the capture's per-call table
 * (derived from Asterisk's queue_log), newest first; a smaller ring keeps exactly the
 * newest calls; a rebuild from the log gives the same keys.
 */

const RULES = { shortAbandonSeconds: 5, defaultServiceLevelSeconds: 20 };

interface TruthRow {
  callId: string;
  queue: string;
  callerId: string;
  outcome: string;
  agent: string;
  waitSeconds: number;
  talkSeconds: number | null;
}

/** The "## Calls" table of busy-a.md. */
function truthTable(): TruthRow[] {
  const md = readFileSync(path.join(capturesDir, 'busy-a.md'), 'utf8');
  const start = md.indexOf('## Calls');
  const end = md.indexOf('\n## ', start + 1);
  return md
    .slice(start, end === -1 ? undefined : end)
    .split('\n')
    .filter((line) => /^\| \d+ \|/.test(line))
    .map((line) => {
      const cells = line.split('|').map((c) => c.trim());
      return {
        queue: cells[2]!,
        callId: cells[3]!,
        callerId: cells[4]!,
        outcome: cells[6]!,
        agent: cells[7]!,
        waitSeconds: Number(cells[8]),
        talkSeconds: cells[9] === '' ? null : Number(cells[9]),
      };
    });
}

/** The capture through the frame parser and the normaliser, on a clock an hour ago (10 ms per frame). */
function captureEvents(): DomainEvent[] {
  const normalizer = new AmiNormalizer({ defaultServiceLevelSeconds: RULES.defaultServiceLevelSeconds });
  const start = Date.now() - 3_600_000;
  const events: DomainEvent[] = [];
  let index = 0;
  const parser = new AmiFrameParser({
    onFrame: (frame) => events.push(...normalizer.normalize(frame, start + index++ * 10)),
    onReject: () => undefined,
    onBanner: () => undefined,
  });
  parser.push(readFileSync(path.join(capturesDir, 'busy-a.ami.txt')));
  parser.end();
  return events;
}

function expectedOutcome(row: TruthRow): string {
  if (row.outcome === 'timeout') return 'timed_out';
  if (row.outcome === 'abandoned' && row.waitSeconds < RULES.shortAbandonSeconds) return 'short_abandon';
  return row.outcome;
}

/** What the list must say of one call, from the truth table. */
function expectedEntry(row: TruthRow) {
  const answered = row.outcome === 'answered';
  return {
    callId: row.callId,
    queue: row.queue,
    callerNumber: row.callerId,
    outcome: expectedOutcome(row),
    waitSeconds: row.waitSeconds,
    agent: answered ? { id: row.agent.replace('Agent ', ''), name: row.agent } : null,
    talkSeconds: row.talkSeconds,
  };
}

function comparable(entry: RecentCallRecord) {
  return {
    callId: entry.callId,
    queue: entry.queue,
    callerNumber: entry.callerNumber,
    outcome: entry.outcome,
    waitSeconds: entry.waitSeconds,
    agent: entry.agent,
    talkSeconds: entry.talkSeconds,
  };
}

describe('recent calls: a real capture, projected into Redis', () => {
  const truth = truthTable();
  const events = captureEvents();

  it('reads the capture and its table', () => {
    expect(truth).toHaveLength(60);
    expect(events.filter((e) => e.type === 'call.queued')).toHaveLength(60);
  });

  describe('through ingest and the projector (server wiring)', () => {
    let app: Awaited<ReturnType<typeof storeApp>>;
    let repository: RecentCallsRepository;
    let list: RecentCallRecord[];

    beforeAll(async () => {
      app = await storeApp(storeOptions());
      await app.get(IngestService).ingest(events);
      await app.get(ProjectorService).catchUp();
      repository = new RecentCallsRepository(app.get<RedisClient>(REDIS_CLIENT), app.get(StoreKeys));
      list = await repository.recent({ limit: 200 });
    });
    afterAll(async () => {
      await app?.close();
    });

    it('lists every call of the capture, as the table says: outcome, wait, caller, agent, talk time', () => {
      expect(list).toHaveLength(60);
      const byCall = new Map(list.map((entry) => [entry.callId, comparable(entry)]));
      for (const row of truth)
        expect({ row: row.callId, entry: byCall.get(row.callId) }).toEqual({
          row: row.callId,
          entry: expectedEntry(row),
        });
      const outcomes = list.reduce<Record<string, number>>(
        (count, e) => ({ ...count, [e.outcome]: (count[e.outcome] ?? 0) + 1 }),
        {},
      );
      expect(outcomes).toEqual({ answered: 23, abandoned: 31, short_abandon: 2, timed_out: 4 });
    });

    it('newest first, every answered call ended, times consistent with the waits', () => {
      const left = list.map((e) => e.leftQueueAt);
      expect(left).toEqual([...left].sort((a, b) => b - a));
      expect(list.map((e) => e.seq)).toEqual([...Array(60).keys()].reverse());
      for (const entry of list) {
        expect(entry.endedAt).not.toBeNull();
        expect(entry.endedAt!).toBeGreaterThanOrEqual(entry.leftQueueAt);
        expect(entry.joinedAt).toBeLessThan(entry.leftQueueAt);
      }
    });

    it('the queue list equals the front-office list here (one queue); limit keeps the newest', async () => {
      expect(await repository.recent({ queue: 'accueil', limit: 200 })).toEqual(list);
      expect(await repository.recent({ queue: 'accueil', limit: 7 })).toEqual(list.slice(0, 7));
      await expect(repository.recent({ queue: 'etat-civil', limit: 10 })).resolves.toEqual([]);
    });

    it('the controller validates its query (French errors) and refuses an unknown queue', async () => {
      const controller = new RecentCallsController(repository);
      const answer = await controller.recent({ queue: 'accueil', limit: '3' });
      expect(answer).toEqual({ queue: 'accueil', calls: list.slice(0, 3) });
      expect((await controller.recent({})).calls).toEqual(list.slice(0, 50));
      for (const limit of ['0', '201', 'abc', '2.5']) {
        await expect(controller.recent({ limit })).rejects.toMatchObject({
          code: 'VALIDATION_FAILED',
          message: expect.stringContaining('limit'),
        });
      }
      await expect(controller.recent({ queue: 'a b*' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
      await expect(controller.recent({ queue: 'nope' })).rejects.toMatchObject({ code: 'QUEUE_NOT_FOUND' });
    });

    it('a rebuild from the log gives the same recent-calls keys (and every other projection)', async () => {
      const report = await app.get(ProjectorService).rebuild();
      expect(report).toMatchObject({ equal: true, differences: [] });
      expect(report.events).toBe(events.length);
    });

    it('a replay of the same capture adds nothing (ingest dedupes, the list is unchanged)', async () => {
      const again = await app.get(IngestService).ingest(events);
      expect(again.appended).toBe(0);
      await app.get(ProjectorService).catchUp();
      expect(await repository.recent({ limit: 200 })).toEqual(list);
    });
  });

  describe('a smaller ring (capacity 25), projected in small batches', () => {
    let client: RedisClient;
    let keys: StoreKeys;
    const projectors: Projector[] = [];

    function registry(): ProjectionRegistry {
      const r = new ProjectionRegistry();
      r.register(new RecentCallsProjection({ capacity: 25 }));
      r.register(new QueueStateProjection());
      return r;
    }

    beforeAll(async () => {
      client = await connectRedis(redisUrl());
      keys = new StoreKeys(testPrefix());
    });
    afterAll(async () => {
      await Promise.all(projectors.map((p) => p.stop()));
      await closeRedis(client);
    });

    it('keeps exactly the 25 newest calls, newest first, in a hash that stops growing, and rebuilds equal', async () => {
      await new EventLogRepository(client, keys, 3600).append(events);
      const projector = new Projector(client, keys, registry(), RULES, { leaseTtlMs: 5000, batchSize: 37 });
      projectors.push(projector);
      expect(await projector.catchUp()).toBe(events.length);
      const repository = new RecentCallsRepository(client, keys);
      const list = await repository.recent({ limit: 200 });
      expect(list).toHaveLength(25);
      expect(list.map((e) => e.seq)).toEqual([...Array(25).keys()].map((i) => 59 - i));

      // The same 25 calls a full list would show first: the newest calls left in the capture.
      const leftOrder = events
        .filter((e) => ['call.answered', 'call.abandoned', 'call.timed_out', 'call.exited'].includes(e.type))
        .map((e) => (e.data as { callId: string }).callId)
        .reverse();
      expect(list.map((e) => e.callId)).toEqual(leftOrder.slice(0, 25));
      const byCall = new Map(truth.map((row) => [row.callId, expectedEntry(row)]));
      for (const entry of list) expect(comparable(entry)).toEqual(byCall.get(entry.callId));

      // 25 slots + 25 index entries + the counter.
      expect(Number(await client.sendCommand(['HLEN', keys.projections().recentCalls('front-office')]))).toBe(51);
      expect(Number(await client.sendCommand(['HLEN', keys.projections().recentCalls({ queue: 'accueil' })]))).toBe(51);

      const report = await rebuildAndCompare(client, keys, registry(), RULES);
      expect(report).toMatchObject({ equal: true, differences: [] });
      expect(report.keysCompared).toBeGreaterThanOrEqual(2);
    });
  });
});
