import { Inject, Injectable } from '@nestjs/common';
import { IRIS_CONFIG, type IrisConfig } from '../config/iris-config.js';
import { StoreKeys } from '../redis/keys.js';
import { REDIS_CLIENT, type RedisClient } from '../redis/redis-client.js';

export const LOGIN_WINDOW_SECONDS = 15 * 60;

/**
 * Sign-in attempts per client address and user name, counted in Redis (so every replica
 * shares the count) over a fixed 15-minute window opened by the first attempt.
 */
@Injectable()
export class LoginRateLimiter {
  private readonly keys: StoreKeys;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient,
    @Inject(IRIS_CONFIG) private readonly config: IrisConfig,
  ) {
    this.keys = new StoreKeys(config.keyPrefix);
  }

  /** Counts an attempt; returns the seconds to wait when the limit is passed, else 0. */
  async attempt(ip: string, username: string): Promise<number> {
    const key = this.keys.loginAttempts(ip, username.toLowerCase());
    const [count, , ttl] = await this.redis.multi().incr(key).expire(key, LOGIN_WINDOW_SECONDS, 'NX').ttl(key).exec();
    return Number(count) > this.config.loginRateLimit ? Math.max(1, Number(ttl)) : 0;
  }

  /** A successful sign-in clears the count. */
  async clear(ip: string, username: string): Promise<void> {
    await this.redis.del(this.keys.loginAttempts(ip, username.toLowerCase()));
  }
}
