import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { RESP_TYPES } from 'redis';
import type { AttachmentRef } from '@iris/shared';
import { REDIS_CLIENT, type RedisClient } from '../redis/redis-client.js';
import { StoreKeys } from '../redis/keys.js';

/**
 * Files (email attachments, scanned letters) kept in Redis, content-addressed by SHA-256.
 * Why Redis rather than a data directory: it is the one datastore, already persisted (AOF)
 * and shared by every replica, so a request never points at a file another replica's disk
 * holds; the per-file and per-message limits keep the memory cost bounded. Content
 * addressing makes a retried store a no-op and is written before the request event, so an
 * interrupted intake leaves at worst an unreferenced blob, never a request without its file.
 */
@Injectable()
export class AttachmentsRepository {
  constructor(
    @Inject(REDIS_CLIENT) private readonly client: RedisClient,
    @Inject(StoreKeys) private readonly keys: StoreKeys,
  ) {}

  async store(content: Buffer, filename: string, contentType: string): Promise<AttachmentRef> {
    const sha256 = createHash('sha256').update(content).digest('hex');
    const ref: AttachmentRef = { sha256, filename, contentType, size: content.length };
    await this.client.sendCommand(['SET', this.keys.attachment(sha256), content, 'NX']);
    await this.client.sendCommand([
      'SET',
      this.keys.attachmentMeta(sha256),
      JSON.stringify({ contentType, size: content.length }),
      'NX',
    ]);
    return ref;
  }

  async content(sha256: string): Promise<Buffer | null> {
    const reply = (await this.client.sendCommand(['GET', this.keys.attachment(sha256)], {
      typeMapping: { [RESP_TYPES.BLOB_STRING]: Buffer },
    })) as Buffer | null;
    return reply;
  }
}
