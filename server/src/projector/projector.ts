import { randomUUID } from 'node:crypto';
import type { KpiRules } from '../redis/store-options.js';
import type { StoreKeys } from '../redis/keys.js';
import { closeRedis, duplicateConnection, type RedisClient } from '../redis/redis-client.js';
import { EventLogRepository } from '../events/event-log.repository.js';
import type { ProjectionRegistry } from './projection-registry.js';
import { ProjectionStoreRepository, type CursorKeys } from './projection-store.repository.js';
import { ProjectionRunner, type StepHooks } from './projection-runner.js';
import { ProjectorLeaseRepository } from './projector-lease.repository.js';

export interface ProjectorOptions {
  /** Events per atomic batch (default 1000). */
  readonly batchSize?: number;
  /** Lease time to live; the holder renews every third of it (default 10 s). */
  readonly leaseTtlMs?: number;
  readonly hooks?: StepHooks;
  readonly onError?: (error: unknown) => void;
}

export interface ProjectorStatus {
  /** This process holds the lease and projects. */
  readonly holder: boolean;
  /** Stream id of the last projected event ('0' = none). */
  readonly cursor: string;
  readonly projected: number;
  /** Events appended to the log and not projected yet. */
  readonly lagEvents: number;
  /** Append time of the newest event minus that of the last projected one. */
  readonly lagMs: number;
}

export function liveCursorKeys(keys: StoreKeys): CursorKeys {
  return { cursor: keys.projectorCursor(), count: keys.projectorCount(), lease: keys.projectorLease() };
}

/** Append time (ms) encoded in a stream id. */
export function streamIdTime(streamId: string): number {
  return Number(streamId.split('-')[0] ?? 0);
}

/**
 * The live projector: competes for the lease, and while it holds it, projects the log in
 * atomic batches, waiting on the stream (XREAD BLOCK on its own connection) when idle.
 */
export class Projector {
  private readonly token = randomUUID();
  private readonly batchSize: number;
  private readonly leaseTtlMs: number;
  private readonly eventLog: EventLogRepository;
  private readonly store: ProjectionStoreRepository;
  private readonly lease: ProjectorLeaseRepository;
  private readonly registry: ProjectionRegistry;
  private readonly rules: KpiRules;
  private working: RedisClient | null = null;
  private runnerOnWorking: ProjectionRunner | null = null;
  private running: Promise<void> | null = null;
  private stopping = false;
  private holding = false;
  private blocking: RedisClient | null = null;
  private wakeUp: (() => void) | null = null;

  constructor(
    private readonly client: RedisClient,
    private readonly keys: StoreKeys,
    registry: ProjectionRegistry,
    rules: KpiRules,
    private readonly options: ProjectorOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 1000;
    this.leaseTtlMs = options.leaseTtlMs ?? 10_000;
    this.eventLog = new EventLogRepository(client, keys, 0);
    this.store = new ProjectionStoreRepository(client);
    this.lease = new ProjectorLeaseRepository(client, keys.projectorLease());
    this.registry = registry;
    this.rules = rules;
  }

  /**
   * The runner works on a connection of its own, so ingest on the shared client never
   * queues behind a projector batch (and the reverse).
   */
  private async runner(): Promise<ProjectionRunner> {
    if (this.working?.isOpen && this.runnerOnWorking) return this.runnerOnWorking;
    this.working = await duplicateConnection(this.client, () => {});
    this.runnerOnWorking = new ProjectionRunner(
      new EventLogRepository(this.working, this.keys, 0),
      new ProjectionStoreRepository(this.working),
      this.registry,
      this.rules,
      this.keys.projections(),
      liveCursorKeys(this.keys),
      this.keys.changesChannel(),
      this.options.hooks,
    );
    return this.runnerOnWorking;
  }

  start(): void {
    if (this.running) return;
    this.stopping = false;
    this.running = this.loop();
  }

  /** Stops after the current step (a batch being computed is dropped, never half-written) and releases the lease. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wakeUp?.();
    if (this.blocking) this.blocking.destroy();
    await this.running;
    this.running = null;
    if (this.working) {
      await closeRedis(this.working).catch(() => {});
      this.working = null;
      this.runnerOnWorking = null;
    }
    if (this.holding) {
      this.holding = false;
      await this.lease.release(this.token).catch(() => {});
    }
  }

  get isHolder(): boolean {
    return this.holding;
  }

  /** Projects everything in the log now, in this process, if it can take the lease (CLI, tests). */
  async catchUp(): Promise<number> {
    if (!this.holding) {
      if (!(await this.lease.tryAcquire(this.token, this.leaseTtlMs)))
        throw new Error('another projector holds the lease');
      this.holding = true;
    }
    let total = 0;
    let lastRenewal = Date.now();
    for (;;) {
      if (Date.now() - lastRenewal > this.leaseTtlMs / 3) {
        this.holding = await this.lease.renew(this.token, this.leaseTtlMs);
        lastRenewal = Date.now();
      }
      if (!this.holding) throw new Error('the projector lease was lost while catching up');
      const result = await (await this.runner()).step(this.token, this.batchSize);
      if (result.outcome === 'idle') return total;
      if (result.outcome === 'lease-lost') this.holding = false;
      total += result.events;
    }
  }

  async status(): Promise<ProjectorStatus> {
    const [{ cursor, count }, head] = await Promise.all([
      this.store.readCursor(liveCursorKeys(this.keys)),
      this.eventLog.head(),
    ]);
    const lagEvents = Math.max(0, head.entriesAdded - count);
    return {
      holder: this.holding,
      cursor,
      projected: count,
      lagEvents,
      lagMs: lagEvents === 0 ? 0 : Math.max(0, streamIdTime(head.lastStreamId) - streamIdTime(cursor)),
    };
  }

  private async loop(): Promise<void> {
    let lastRenewal = 0;
    while (!this.stopping) {
      try {
        if (!this.holding) {
          this.holding = await this.lease.tryAcquire(this.token, this.leaseTtlMs);
          if (!this.holding) {
            await this.pause(this.leaseTtlMs / 3);
            continue;
          }
          lastRenewal = Date.now();
        } else if (Date.now() - lastRenewal > this.leaseTtlMs / 3) {
          this.holding = await this.lease.renew(this.token, this.leaseTtlMs);
          lastRenewal = Date.now();
          if (!this.holding) continue;
        }
        const result = await (await this.runner()).step(this.token, this.batchSize);
        if (this.stopping) break;
        if (result.outcome === 'lease-lost') this.holding = false;
        else if (result.outcome === 'idle') await this.waitForEvents(result.cursor);
      } catch (error) {
        if (this.stopping) break;
        this.options.onError?.(error);
        await this.pause(500);
      }
    }
  }

  /** Blocks until an event is appended after `cursor`, or a third of the lease passed (to renew it). */
  private async waitForEvents(cursor: string): Promise<void> {
    if (!this.blocking || !this.blocking.isOpen) {
      this.blocking = await duplicateConnection(this.client, () => {});
    }
    const blockMs = Math.max(100, Math.floor(this.leaseTtlMs / 3));
    try {
      await this.blocking.sendCommand([
        'XREAD',
        'COUNT',
        '1',
        'BLOCK',
        String(blockMs),
        'STREAMS',
        this.keys.eventLog(),
        cursor === '0' ? '0-0' : cursor,
      ]);
    } catch (error) {
      if (!this.stopping) throw error;
    }
    if (this.stopping && this.blocking) {
      await closeRedis(this.blocking).catch(() => {});
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wakeUp = null;
        resolve();
      }, ms);
      this.wakeUp = () => {
        clearTimeout(timer);
        this.wakeUp = null;
        resolve();
      };
    });
  }
}
