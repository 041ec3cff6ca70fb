import { createClient } from 'redis';

/** Nest injection token of the shared Redis client (node-redis v6, already connected). */
export const REDIS_CLIENT = Symbol('IRIS_REDIS_CLIENT');

/**
 * RESP2 on purpose: raw replies (sendCommand, scripts) keep one simple shape, flat arrays
 * for hashes and stream entries, whatever the server version.
 */
function createIrisClient(url: string) {
  return createClient({
    url,
    RESP: 2,
    socket: { reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, 2_000) },
  });
}

export type RedisClient = ReturnType<typeof createIrisClient>;

export type RedisErrorListener = (error: Error) => void;

/**
 * Connects a node-redis client. node-redis reconnects by itself; without an 'error'
 * listener a dropped connection would crash the process, so one is always attached.
 */
export async function connectRedis(url: string, onError: RedisErrorListener = () => {}): Promise<RedisClient> {
  const client = createIrisClient(url);
  client.on('error', onError);
  await client.connect();
  return client;
}

/** A second connection for blocking reads or pub/sub (which monopolise a connection). */
export async function duplicateConnection(
  client: RedisClient,
  onError: RedisErrorListener = () => {},
): Promise<RedisClient> {
  const copy = client.duplicate();
  copy.on('error', onError);
  await copy.connect();
  return copy;
}

/** How long a graceful close may wait for replies before the connection is dropped. */
const CLOSE_GRACE_MS = 3_000;

/**
 * Closes a client whatever its state. A client that is reconnecting (Redis gone, as when
 * Ctrl-C stopped a local redis-server first) is destroyed at once: a graceful close would
 * wait for replies that can never come and hang the shutdown.
 */
export async function closeRedis(client: RedisClient): Promise<void> {
  if (!client.isOpen) return;
  if (!client.isReady) {
    client.destroy();
    return;
  }
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      client.close(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('close timed out')), CLOSE_GRACE_MS);
      }),
    ]);
  } catch {
    if (client.isOpen) client.destroy();
  } finally {
    clearTimeout(timer);
  }
}
