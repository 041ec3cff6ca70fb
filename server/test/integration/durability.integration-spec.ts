import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DomainEvent } from '@iris/shared';
import { closeRedis, connectRedis, type RedisClient } from '../../src/redis/redis-client.js';
import { StoreKeys } from '../../src/redis/keys.js';
import { EventLogRepository, parseEntries } from '../../src/events/event-log.repository.js';
import { ProjectionRegistry } from '../../src/projector/projection-registry.js';
import { Projector } from '../../src/projector/projector.js';
import { compareNamespaces } from '../../src/projector/rebuild.js';
import { registerCallProjections } from '../../src/calls/calls-projections.js';
import { simulatedCallDay } from '../../src/calls/simulated-call-day.js';
import { startPrivateRedis } from '../../src/cli/private-redis.js';
import { redisUrl, repoRoot, testPrefix } from './kpi-test-support.js';

/**
 * Nothing counted twice, nothing lost: the same stream twice, two ingesters at once, a
 * projector killed at random points (in-process and as a SIGKILLed child process), and
 * redis-server itself SIGKILLed mid-run, all end with projections identical, key by key,
 * to those of one clean uninterrupted run.
 */
const RULES = { shortAbandonSeconds: 5, defaultServiceLevelSeconds: 20 };
// A long day (recent, so minute buckets are still kept): 3,000 calls over 10 hours, ~11,000 events.
const DAY = simulatedCallDay({ calls: 3000, start: Date.now() - 12 * 3_600_000, spanMs: 10 * 3_600_000, seed: 2026 });

function registry(): ProjectionRegistry {
  const r = new ProjectionRegistry();
  registerCallProjections(r);
  return r;
}

function seeded(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

async function ingestAll(log: EventLogRepository, events: ReadonlyArray<DomainEvent>, chunk: number): Promise<void> {
  for (let i = 0; i < events.length; i += chunk) await log.append(events.slice(i, i + chunk));
}

/** One clean run into `keys`: ingest everything, project everything. */
async function referenceRun(client: RedisClient, keys: StoreKeys, events: ReadonlyArray<DomainEvent>): Promise<void> {
  await ingestAll(new EventLogRepository(client, keys, 3600), events, 500);
  const projector = new Projector(client, keys, registry(), RULES);
  await projector.catchUp();
  await projector.stop();
}

async function expectSameProjections(client: RedisClient, actual: StoreKeys, reference: StoreKeys): Promise<void> {
  const comparison = await compareNamespaces(client, actual.projections().root, reference.projections().root);
  expect(comparison.differences).toEqual([]);
  expect(comparison.keysCompared).toBeGreaterThan(100);
}

async function until(condition: () => Promise<boolean> | boolean): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 25));
}

describe('durability: exactly once across duplicates, crashes and restarts', () => {
  let client: RedisClient;
  const reference = new StoreKeys(testPrefix());

  beforeAll(async () => {
    client = await connectRedis(redisUrl());
    await referenceRun(client, reference, DAY);
  }, 120_000);
  afterAll(async () => {
    await closeRedis(client);
  });

  it('the same stream ingested twice gives the same projections', async () => {
    const keys = new StoreKeys(testPrefix());
    const log = new EventLogRepository(client, keys, 3600);
    await ingestAll(log, DAY, 700);
    const projector = new Projector(client, keys, registry(), RULES);
    await projector.catchUp();
    expect(await log.append(DAY.slice(0, 5000))).toEqual({ appended: 0, duplicates: 5000 });
    await ingestAll(log, DAY, 333);
    expect(await projector.catchUp()).toBe(0);
    await projector.stop();
    expect(Number(await client.sendCommand(['XLEN', keys.eventLog()]))).toBe(DAY.length);
    await expectSameProjections(client, keys, reference);
  }, 120_000);

  it('two ingesters reading the same stream at once (two bridges) give the same projections', async () => {
    const keys = new StoreKeys(testPrefix());
    const second = await connectRedis(redisUrl());
    try {
      await Promise.all([
        ingestAll(new EventLogRepository(client, keys, 3600), DAY, 250),
        ingestAll(new EventLogRepository(second, keys, 3600), DAY, 400),
      ]);
    } finally {
      await closeRedis(second);
    }
    expect(Number(await client.sendCommand(['XLEN', keys.eventLog()]))).toBe(DAY.length);
    const projector = new Projector(client, keys, registry(), RULES);
    await projector.catchUp();
    await projector.stop();
    await expectSameProjections(client, keys, reference);
  }, 120_000);

  it('a projector stopped between batches and killed mid-batch at random points, then restarted, gives the same projections', async () => {
    const keys = new StoreKeys(testPrefix());
    const log = new EventLogRepository(client, keys, 3600);
    const random = seeded(11);
    let ingested = 0;
    let lives = 0;
    let midBatchKills = 0;
    while (lives < 12 || ingested < DAY.length) {
      // Traffic keeps arriving while projectors come and go.
      const more = Math.min(DAY.length - ingested, Math.floor(random() * 2000));
      await log.append(DAY.slice(ingested, ingested + more));
      ingested += more;
      lives++;
      let killMidBatch = random() < 0.5;
      let diedMidBatch = false;
      const projector: Projector = new Projector(client, keys, registry(), RULES, {
        batchSize: 1 + Math.floor(random() * 400),
        leaseTtlMs: 2000,
        hooks: {
          beforeApply: () => {
            if (killMidBatch && random() < 0.3) {
              killMidBatch = false;
              diedMidBatch = true;
              midBatchKills++;
              // Dies with a computed batch in hand: it must never be written.
              void projector.stop();
              throw new Error('killed mid-batch');
            }
          },
        },
      });
      const target = Math.floor(random() * ingested);
      projector.start();
      await until(async () => diedMidBatch || (await projector.status()).projected >= target);
      await projector.stop();
    }
    expect(midBatchKills).toBeGreaterThan(0);
    const last = new Projector(client, keys, registry(), RULES);
    await last.catchUp();
    await last.stop();
    await expectSameProjections(client, keys, reference);
  }, 180_000);

  describe('as a separate process killed with SIGKILL', () => {
    const cli = path.join(repoRoot, 'server/dist/cli/main.js');

    beforeAll(() => {
      // The child runs the built CLI (`iris project`): build it as `npm run iris` would.
      spawnSync('npx', ['tsc', '-b', 'server'], { cwd: repoRoot, stdio: 'ignore' });
    }, 180_000);

    it('a projector process SIGKILLed at random points, then started again, gives the same projections', async () => {
      expect(existsSync(cli)).toBe(true);
      const keys = new StoreKeys(testPrefix());
      const log = new EventLogRepository(client, keys, 3600);
      const random = seeded(5);
      let ingested = 0;
      const children: ChildProcess[] = [];
      try {
        for (let life = 0; life < 5; life++) {
          const more = Math.floor(DAY.length / 5) + (life === 4 ? DAY.length % 5 : 0);
          await log.append(DAY.slice(ingested, ingested + more));
          ingested += more;
          const child = spawn(
            process.execPath,
            [cli, 'project', '--redis-url', redisUrl(), '--prefix', keys.prefix, '--lease-ms', '800'],
            { stdio: 'ignore' },
          );
          children.push(child);
          const exited = new Promise((resolve) => child.once('exit', resolve));
          const count = async () => Number(await client.sendCommand(['GET', keys.projectorCount()]));
          const before = await count();
          const target = before + Math.floor(random() * (ingested - before));
          await until(async () => (await count()) > target || (await count()) === ingested);
          child.kill('SIGKILL');
          await exited;
        }
      } finally {
        for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      }
      expect(ingested).toBe(DAY.length);
      const last = new Projector(client, keys, registry(), RULES, { leaseTtlMs: 800 });
      await until(async () => {
        try {
          await last.catchUp();
          return true;
        } catch {
          return false; // the killed child's lease has not expired yet
        }
      });
      await last.stop();
      await expectSameProjections(client, keys, reference);
    }, 180_000);
  });

  it('redis-server SIGKILLed and restarted on its data mid-run: nothing acknowledged is lost, nothing counted twice', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'iris-durability-'));
    let redis = await startPrivateRedis({ dir, appendfsync: 'always' });
    const port = redis.port;
    const own = await connectRedis(redis.url);
    try {
      const keys = new StoreKeys('iris:');
      const log = new EventLogRepository(own, keys, 3600);
      const projector = new Projector(own, keys, registry(), RULES, { leaseTtlMs: 1500, onError: () => {} });
      projector.start();
      const acknowledged = new Set<string>();
      let killed = false;
      let restarted: Promise<void> | null = null;
      for (let i = 0; i < DAY.length; i += 300) {
        const batch = DAY.slice(i, i + 300);
        if (!killed && i >= DAY.length / 2) {
          killed = true;
          // Crash in the middle of the run, while the projector is busy too.
          await redis.kill('SIGKILL');
          restarted = (async () => {
            redis = await startPrivateRedis({ dir, port, appendfsync: 'always' });
          })();
        }
        // A producer retries until its batch is acknowledged (the bridge does the same).
        for (;;) {
          try {
            await log.append(batch);
            break;
          } catch {
            await new Promise((resolve) => setTimeout(resolve, 50));
          }
        }
        for (const event of batch) acknowledged.add(event.id);
      }
      await restarted;
      expect(killed).toBe(true);
      const entries = parseEntries((await own.sendCommand(['XRANGE', keys.eventLog(), '-', '+'])) as unknown[]).events;
      const ids = entries.map((entry) => entry.event.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.filter((id) => acknowledged.has(id))).toHaveLength(acknowledged.size);
      expect(acknowledged.size).toBe(DAY.length);
      await until(async () => (await projector.status()).lagEvents === 0);
      await projector.stop();
      // The same server, a clean reference run under another prefix.
      const clean = new StoreKeys('clean:');
      await referenceRun(own, clean, DAY);
      await expectSameProjections(own, keys, clean);
    } finally {
      await closeRedis(own);
      await redis.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
