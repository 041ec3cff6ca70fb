import { Inject, Injectable } from '@nestjs/common';
import type { RequestRecord } from '@iris/shared';
import { LuaScript } from '../redis/lua-script.js';
import { REDIS_CLIENT, type RedisClient } from '../redis/redis-client.js';
import { StoreKeys } from '../redis/keys.js';
import { flatReplyToMap } from '../projector/projection-store.repository.js';
import type { InboxLine } from './requests.projection.js';

/**
 * One reference per source, atomically: a redelivered email (same Message-ID) gets the
 * reference it got the first time, never a second number. Returns [reference, isNew].
 */
const ALLOCATE_SCRIPT = new LuaScript(`
local existing = redis.call('HGET', KEYS[1], ARGV[1])
if existing then return { existing, 0 } end
local sequence = redis.call('INCR', KEYS[2])
local reference = string.format('IRIS-%s-%06d', ARGV[2], sequence)
redis.call('HSET', KEYS[1], ARGV[1], reference)
return { reference, 1 }
`);

/** Redis access for requests: reference allocation, source index, projected records and inboxes. */
@Injectable()
export class RequestsRepository {
  constructor(
    @Inject(REDIS_CLIENT) private readonly client: RedisClient,
    @Inject(StoreKeys) private readonly keys: StoreKeys,
  ) {}

  async allocateReference(sourceRef: string, year: number): Promise<{ reference: string; isNew: boolean }> {
    const [reference, isNew] = await ALLOCATE_SCRIPT.run<[string, number]>(
      this.client,
      [this.keys.requestSources(), this.keys.requestSequence(year)],
      [sourceRef, String(year)],
    );
    return { reference, isNew: Number(isNew) === 1 };
  }

  /** The request a source ref (a Message-ID of the thread, an SMS id...) belongs to. */
  async referenceOfSource(sourceRef: string): Promise<string | null> {
    return (await this.client.sendCommand(['HGET', this.keys.requestSources(), sourceRef])) as string | null;
  }

  /** The first of several source refs that is known, in the given order. */
  async firstKnownSource(sourceRefs: ReadonlyArray<string>): Promise<string | null> {
    if (sourceRefs.length === 0) return null;
    const replies = (await this.client.sendCommand(['HMGET', this.keys.requestSources(), ...sourceRefs])) as Array<
      string | null
    >;
    return replies.find((reply) => reply !== null) ?? null;
  }

  /** Ties one more source ref (an outbound Message-ID, a reply) to a request; false if it was already tied. */
  async linkSource(sourceRef: string, reference: string): Promise<boolean> {
    return Number(await this.client.sendCommand(['HSETNX', this.keys.requestSources(), sourceRef, reference])) === 1;
  }

  /** Points a conversation key (e.g. the last SMS thread of a number) at a request, replacing the previous one. */
  async setSource(sourceRef: string, reference: string): Promise<void> {
    await this.client.sendCommand(['HSET', this.keys.requestSources(), sourceRef, reference]);
  }

  async get(reference: string): Promise<RequestRecord | null> {
    const json = (await this.client.sendCommand(['HGET', this.keys.projections().request(reference), 'record'])) as
      string | null;
    return json === null ? null : (JSON.parse(json) as RequestRecord);
  }

  async inbox(serviceId: string): Promise<InboxLine[]> {
    const reply = await this.client.sendCommand(['HGETALL', this.keys.projections().serviceInbox(serviceId)]);
    return [...flatReplyToMap(reply).values()].map((json) => JSON.parse(json) as InboxLine);
  }

  async inboxSize(serviceId: string): Promise<number> {
    return Number(await this.client.sendCommand(['HLEN', this.keys.projections().serviceInbox(serviceId)]));
  }

  async misroutes(): Promise<Record<string, number>> {
    const reply = await this.client.sendCommand(['HGETALL', this.keys.projections().misroutes()]);
    return Object.fromEntries([...flatReplyToMap(reply)].map(([category, count]) => [category, Number(count)]));
  }

  /** Requests received since the beginning by channel and first service ('' while not routed). */
  async totals(): Promise<Array<{ channel: string; service: string; count: number }>> {
    const reply = await this.client.sendCommand(['HGETALL', this.keys.projections().intakeTotals()]);
    return [...flatReplyToMap(reply)].map(([field, count]) => {
      const [channel = '', service = ''] = field.split('|');
      return { channel, service, count: Number(count) };
    });
  }

  async intakeOfDay(day: string): Promise<Record<string, number>> {
    const reply = await this.client.sendCommand(['HGETALL', this.keys.projections().intakeDay(day)]);
    return Object.fromEntries([...flatReplyToMap(reply)].map(([channel, count]) => [channel, Number(count)]));
  }

  /** References (with receipt time) of the requests filed on one citizen record. */
  async referencesOfCitizen(citizenId: string): Promise<Array<{ reference: string; receivedAt: number }>> {
    const reply = await this.client.sendCommand(['HGETALL', this.keys.projections().citizenRequests(citizenId)]);
    return [...flatReplyToMap(reply)].map(([reference, at]) => ({ reference, receivedAt: Number(at) }));
  }

  async confirmedCount(): Promise<number> {
    return Number(await this.client.sendCommand(['HLEN', this.keys.projections().classifierExamples()]));
  }

  async confirmedExamples(): Promise<Array<{ text: string; category: string }>> {
    const reply = await this.client.sendCommand(['HGETALL', this.keys.projections().classifierExamples()]);
    return [...flatReplyToMap(reply).values()].map((json) => JSON.parse(json) as { text: string; category: string });
  }
}
