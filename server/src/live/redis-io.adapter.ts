import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import type { Server } from 'socket.io';
import { closeRedis, connectRedis, type RedisClient } from '../redis/redis-client.js';

/**
 * socket.io over the Redis adapter: a broadcast made on one replica (server.to(room).emit)
 * reaches the sockets of every replica. Room patches are deliberately emitted per replica
 * (server.local): each replica diffs against what its own sockets were sent, so seq numbers
 * stay consecutive per connection; cross-replica broadcasts carry the rest (mode results).
 */
export class RedisIoAdapter extends IoAdapter {
  private clients: RedisClient[] = [];

  constructor(
    app: INestApplicationContext,
    private readonly redisUrl: string,
    private readonly channelPrefix: string,
    private readonly onError: (error: Error) => void,
  ) {
    super(app);
  }

  /** Opens the publish and subscribe connections; call before app.listen(). */
  async connect(): Promise<void> {
    const pub = await connectRedis(this.redisUrl, this.onError);
    const sub = await connectRedis(this.redisUrl, this.onError);
    this.clients = [pub, sub];
  }

  // Nest's platform-socket.io carries its own copy of socket.io (same major, same adapter
  // package), so its Server type is a different declaration: hence the casts.
  override createIOServer(
    port: number,
    options?: Parameters<IoAdapter['createIOServer']>[1],
  ): ReturnType<IoAdapter['createIOServer']> {
    const server = super.createIOServer(port, options) as unknown as Server;
    const [pub, sub] = this.clients;
    if (!pub || !sub) throw new Error('RedisIoAdapter.connect() must be awaited before the app listens');
    server.adapter(createAdapter(pub, sub, { key: `${this.channelPrefix}socket.io` }));
    return server as unknown as ReturnType<IoAdapter['createIOServer']>;
  }

  override async dispose(): Promise<void> {
    await super.dispose();
    await Promise.all(this.clients.map((client) => closeRedis(client)));
    this.clients = [];
  }
}
