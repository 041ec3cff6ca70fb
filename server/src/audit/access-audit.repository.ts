import { Inject, Injectable } from '@nestjs/common';
import { REDIS_CLIENT, type RedisClient } from '../redis/redis-client.js';
import { StoreKeys } from '../redis/keys.js';
import type { AuditEntry } from './access-audit.js';

/** The audit stream in Redis: append-only, read back in order (the DPO's screen and export). */
@Injectable()
export class AccessAuditRepository {
  constructor(
    @Inject(REDIS_CLIENT) private readonly client: RedisClient,
    @Inject(StoreKeys) private readonly keys: StoreKeys,
  ) {}

  async append(entries: ReadonlyArray<AuditEntry>): Promise<void> {
    if (entries.length === 0) return;
    const key = this.keys.accessAudit();
    if (entries.length === 1) {
      await this.client.sendCommand(['XADD', key, '*', 'e', JSON.stringify(entries[0])]);
      return;
    }
    await Promise.all(entries.map((entry) => this.client.sendCommand(['XADD', key, '*', 'e', JSON.stringify(entry)])));
  }

  /** Entries appended in [from, to) (epoch ms), oldest first, at most `limit`. */
  async range(from: number, to: number, limit: number): Promise<AuditEntry[]> {
    const reply = (await this.client.sendCommand([
      'XRANGE',
      this.keys.accessAudit(),
      String(Math.max(0, Math.floor(from))),
      `(${Math.floor(to)}`,
      'COUNT',
      String(limit),
    ])) as Array<[string, string[]]>;
    return reply.map(([, fields]) => JSON.parse(fields[fields.indexOf('e') + 1]!) as AuditEntry);
  }
}
