import { Inject, Injectable } from '@nestjs/common';
import { REDIS_CLIENT, type RedisClient } from '../redis/redis-client.js';
import { StoreKeys } from '../redis/keys.js';
import { flatReplyToMap } from '../projector/projection-store.repository.js';
import {
  parseRecord,
  parseRecords,
  type AgentRecord,
  type CallInProgressRecord,
  type MemberRecord,
  type QueueMetaRecord,
  type WaitingRecord,
} from './call-records.js';

/** A `telephony.gap` as recorded: calls that ended in a queue while the bridge was away. */
export interface TelephonyGapRecord {
  readonly queue: string;
  readonly missedCompleted: number;
  readonly missedAbandoned: number;
  readonly disconnectedAt: number;
  readonly reconnectedAt: number;
  /** When the gap was reported (the event's time). */
  readonly at: number;
}

export interface QueueRecords {
  readonly queue: string;
  readonly meta: QueueMetaRecord;
  readonly waiting: WaitingRecord[];
  readonly members: MemberRecord[];
  readonly calls: CallInProgressRecord[];
}

/** Reads the live queue and agent projections (written by QueueStateProjection and AgentStateProjection). */
@Injectable()
export class LiveStateRepository {
  constructor(
    @Inject(REDIS_CLIENT) private readonly client: RedisClient,
    private readonly keys: StoreKeys,
  ) {}

  async queueMetas(): Promise<Map<string, QueueMetaRecord>> {
    const hash = flatReplyToMap(await this.client.sendCommand(['HGETALL', this.keys.projections().queues()]));
    const metas = new Map<string, QueueMetaRecord>();
    for (const [queue, json] of hash) {
      const meta = parseRecord<QueueMetaRecord>(json);
      if (meta) metas.set(queue, meta);
    }
    return metas;
  }

  /** Waiting callers, members and calls in progress of these queues, in one round trip. */
  async queues(metas: ReadonlyMap<string, QueueMetaRecord>): Promise<QueueRecords[]> {
    const p = this.keys.projections();
    const names = [...metas.keys()].sort();
    const replies = await Promise.all(
      names
        .flatMap((q) => [p.queueWaiting(q), p.queueMembers(q), p.queueCalls(q)])
        .map((key) => this.client.sendCommand(['HGETALL', key])),
    );
    return names.map((queue, i) => ({
      queue,
      meta: metas.get(queue)!,
      waiting: parseRecords<WaitingRecord>(Object.fromEntries(flatReplyToMap(replies[3 * i]))),
      members: parseRecords<MemberRecord>(Object.fromEntries(flatReplyToMap(replies[3 * i + 1]))),
      calls: parseRecords<CallInProgressRecord>(Object.fromEntries(flatReplyToMap(replies[3 * i + 2]))),
    }));
  }

  async agents(): Promise<AgentRecord[]> {
    const hash = flatReplyToMap(await this.client.sendCommand(['HGETALL', this.keys.projections().agents()]));
    return parseRecords<AgentRecord>(Object.fromEntries(hash));
  }

  /** Telephony gaps recorded by the projection (calls missed while the bridge was away), oldest first. */
  async telephonyGaps(): Promise<TelephonyGapRecord[]> {
    const hash = flatReplyToMap(await this.client.sendCommand(['HGETALL', this.keys.projections().telephonyGaps()]));
    return parseRecords<TelephonyGapRecord>(Object.fromEntries(hash)).sort(
      (a, b) => a.at - b.at || a.queue.localeCompare(b.queue),
    );
  }

  async agent(agentId: string): Promise<AgentRecord | null> {
    const json = (await this.client.sendCommand(['HGET', this.keys.projections().agents(), agentId])) as string | null;
    return parseRecord<AgentRecord>(json ?? undefined);
  }
}
