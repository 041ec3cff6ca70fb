import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { IRIS_CONFIG, type IrisConfig } from '../config/iris-config.js';
import { StoreKeys } from '../redis/keys.js';
import { REDIS_CLIENT, type RedisClient } from '../redis/redis-client.js';

export interface SessionRecord {
  readonly username: string;
  readonly createdAt: number;
}

/**
 * Sessions in Redis with a TTL. The cookie carries a random 256-bit id; Redis stores only its
 * SHA-256, so a copy of the database gives no usable session.
 */
@Injectable()
export class SessionRepository {
  private readonly keys: StoreKeys;
  private readonly ttlSeconds: number;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient,
    @Inject(IRIS_CONFIG) config: IrisConfig,
  ) {
    this.keys = new StoreKeys(config.keyPrefix);
    this.ttlSeconds = Math.max(60, Math.round(config.sessionTtlHours * 3600));
  }

  get ttl(): number {
    return this.ttlSeconds;
  }

  async create(record: SessionRecord): Promise<string> {
    const sessionId = randomBytes(32).toString('base64url');
    await this.redis.set(this.keys.session(digest(sessionId)), JSON.stringify(record), {
      expiration: { type: 'EX', value: this.ttlSeconds },
    });
    return sessionId;
  }

  async find(sessionId: string): Promise<SessionRecord | null> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(sessionId)) return null;
    const raw = await this.redis.get(this.keys.session(digest(sessionId)));
    return raw ? (JSON.parse(raw) as SessionRecord) : null;
  }

  async destroy(sessionId: string): Promise<void> {
    if (/^[A-Za-z0-9_-]{43}$/.test(sessionId)) await this.redis.del(this.keys.session(digest(sessionId)));
  }
}

function digest(sessionId: string): string {
  return createHash('sha256').update(sessionId).digest('base64url');
}
