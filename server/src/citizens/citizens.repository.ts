import { Inject, Injectable } from '@nestjs/common';
import type { CitizenRecord } from '@iris/shared';
import { REDIS_CLIENT, type RedisClient } from '../redis/redis-client.js';
import { StoreKeys } from '../redis/keys.js';
import { flatReplyToMap } from '../projector/projection-store.repository.js';

export interface MergeRecord {
  readonly mergeId: string;
  readonly sourceId: string;
  readonly targetId: string;
  readonly active: boolean;
}

/** Reads of the projected citizen records and identity indexes. */
@Injectable()
export class CitizensRepository {
  constructor(
    @Inject(REDIS_CLIENT) private readonly client: RedisClient,
    @Inject(StoreKeys) private readonly keys: StoreKeys,
  ) {}

  async get(citizenId: string): Promise<CitizenRecord | null> {
    const json = (await this.client.sendCommand(['HGET', this.keys.projections().citizen(citizenId), 'record'])) as
      string | null;
    return json === null ? null : (JSON.parse(json) as CitizenRecord);
  }

  async getMany(citizenIds: ReadonlyArray<string>): Promise<CitizenRecord[]> {
    const records = await Promise.all(citizenIds.map((id) => this.get(id)));
    return records.filter((record): record is CitizenRecord => record !== null);
  }

  async idByIdentifier(kind: 'phone' | 'email' | 'name-address', value: string): Promise<string | null> {
    return (await this.client.sendCommand(['HGET', this.keys.projections().citizenIndex(kind), value])) as
      string | null;
  }

  /** Records whose name holds every one of these folded tokens. */
  async idsByNameTokens(tokens: ReadonlyArray<string>): Promise<string[]> {
    if (tokens.length === 0) return [];
    const sets = await Promise.all(
      tokens.map(
        async (token) =>
          new Set(
            ((await this.client.sendCommand(['HKEYS', this.keys.projections().citizenNameToken(token)])) as string[]) ??
              [],
          ),
      ),
    );
    const [first, ...rest] = sets;
    return [...first!].filter((id) => rest.every((set) => set.has(id)));
  }

  /** Records with an address holding every one of these folded street tokens / postal codes. */
  async idsByAddressTokens(tokens: ReadonlyArray<string>): Promise<string[]> {
    if (tokens.length === 0) return [];
    const sets = await Promise.all(
      tokens.map(
        async (token) =>
          new Set(
            ((await this.client.sendCommand([
              'HKEYS',
              this.keys.projections().citizenAddressToken(token),
            ])) as string[]) ?? [],
          ),
      ),
    );
    const [first, ...rest] = sets;
    return [...first!].filter((id) => rest.every((set) => set.has(id)));
  }

  /** Records sharing at least one name token (duplicate candidates). */
  async idsSharingAnyNameToken(tokens: ReadonlyArray<string>): Promise<string[]> {
    const ids = new Set<string>();
    for (const token of tokens) {
      for (const id of (await this.client.sendCommand([
        'HKEYS',
        this.keys.projections().citizenNameToken(token),
      ])) as string[])
        ids.add(id);
    }
    return [...ids];
  }

  async merge(mergeId: string): Promise<MergeRecord | null> {
    const json = (await this.client.sendCommand(['HGET', this.keys.projections().citizenMerges(), mergeId])) as
      string | null;
    return json === null ? null : (JSON.parse(json) as MergeRecord);
  }

  async merges(): Promise<MergeRecord[]> {
    const reply = await this.client.sendCommand(['HGETALL', this.keys.projections().citizenMerges()]);
    return [...flatReplyToMap(reply).values()].map((json) => JSON.parse(json) as MergeRecord);
  }
}
