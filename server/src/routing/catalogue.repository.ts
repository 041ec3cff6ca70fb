import { Inject, Injectable } from '@nestjs/common';
import type { ServiceCatalogue } from '@iris/shared';
import { REDIS_CLIENT, type RedisClient } from '../redis/redis-client.js';
import { StoreKeys } from '../redis/keys.js';

/** The admin-edited services catalogue, one JSON value (small: ~40 services). */
@Injectable()
export class CatalogueRepository {
  constructor(
    @Inject(REDIS_CLIENT) private readonly client: RedisClient,
    @Inject(StoreKeys) private readonly keys: StoreKeys,
  ) {}

  async load(): Promise<ServiceCatalogue | null> {
    const json = (await this.client.sendCommand(['GET', this.keys.servicesCatalogue()])) as string | null;
    return json === null ? null : (JSON.parse(json) as ServiceCatalogue);
  }

  /** Seeds the catalogue unless an admin already saved one; returns the one in force. */
  async seed(catalogue: ServiceCatalogue): Promise<ServiceCatalogue> {
    await this.client.sendCommand(['SET', this.keys.servicesCatalogue(), JSON.stringify(catalogue), 'NX']);
    return (await this.load()) ?? catalogue;
  }

  async save(catalogue: ServiceCatalogue): Promise<void> {
    await this.client.sendCommand(['SET', this.keys.servicesCatalogue(), JSON.stringify(catalogue)]);
  }
}
