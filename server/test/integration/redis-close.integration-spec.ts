// Shutdown must never hang on a Redis that is already gone (Ctrl-C stops a local
// redis-server at the same moment as the server).
import { startPrivateRedis } from '../../src/cli/private-redis.js';
import { closeRedis, connectRedis } from '../../src/redis/redis-client.js';

describe('closeRedis', () => {
  it('returns promptly when redis-server died before the close', async () => {
    const redis = await startPrivateRedis();
    const client = await connectRedis(redis.url);
    expect(await client.ping()).toBe('PONG');
    await redis.kill('SIGKILL');
    // A command issued while the link is down waits in the client's queue, as the projector's
    // and the socket adapter's do at shutdown: a graceful close would wait for it forever.
    const pending = client.get('test:close:pending').catch((error: unknown) => error);
    await closeRedis(client);
    expect(await pending).toBeInstanceOf(Error);
    expect(client.isOpen).toBe(false);
    await redis.stop();
  });

  it('closes a healthy connection gracefully', async () => {
    const client = await connectRedis(process.env.REDIS_URL!);
    await client.set('test:close:probe', '1');
    await closeRedis(client);
    expect(client.isOpen).toBe(false);
  });
});
