import { LuaScript } from '../redis/lua-script.js';
import type { RedisClient } from '../redis/redis-client.js';

const RENEW_SCRIPT = new LuaScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
`);

const RELEASE_SCRIPT = new LuaScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`);

/**
 * The projector lease: one key holding the holder's token with a TTL. The holder renews
 * it well before it expires; when a holder dies, the key expires and another replica
 * takes it. A deposed holder cannot write: the apply script checks the token.
 */
export class ProjectorLeaseRepository {
  constructor(
    private readonly client: RedisClient,
    private readonly leaseKey: string,
  ) {}

  async tryAcquire(token: string, ttlMs: number): Promise<boolean> {
    const reply = await this.client.sendCommand(['SET', this.leaseKey, token, 'NX', 'PX', String(ttlMs)]);
    return (reply as unknown) === 'OK';
  }

  async renew(token: string, ttlMs: number): Promise<boolean> {
    return (await RENEW_SCRIPT.run<number>(this.client, [this.leaseKey], [token, String(ttlMs)])) === 1;
  }

  async release(token: string): Promise<void> {
    await RELEASE_SCRIPT.run<number>(this.client, [this.leaseKey], [token]);
  }

  async holder(): Promise<string | null> {
    return (await this.client.sendCommand(['GET', this.leaseKey])) as string | null;
  }
}
