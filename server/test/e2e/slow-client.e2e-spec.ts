import type { Socket as NetSocket } from 'node:net';
import type { DomainEvent } from '@iris/shared';
import type { IrisApp } from '../../src/app/create-app.js';
import { IngestService } from '../../src/events/ingest.service.js';
import { ProjectorService } from '../../src/projector/projector.service.js';
import { bootApp, callQueued, createUser, LiveClient, login, memberAdded } from './iris-e2e-support.js';

/** The TCP socket under a socket.io-client websocket (engine.io-client -> ws -> net.Socket). */
function tcpOf(client: LiveClient): NetSocket {
  const engine = client.socket.io.engine as unknown as { transport: { ws: { _socket: NetSocket } } };
  return engine.transport.ws._socket;
}

describe('a slow client never slows the others', () => {
  let iris: IrisApp;
  const clients: LiveClient[] = [];

  beforeAll(async () => {
    iris = await bootApp({ PATCH_MAX_PER_SECOND: '50' });
    await createUser(iris, 'sup', ['supervisor']);
  });

  afterAll(async () => {
    for (const client of clients) client.close();
    await iris?.close();
  });

  it('keeps patching healthy clients while one stops reading, then gives the slow one a fresh snapshot', async () => {
    const ingest = iris.app.get(IngestService);
    const at = Date.now() - 5 * 60_000;
    // A big queue: every patch of it weighs hundreds of kilobytes, so an unread socket backs up fast.
    await ingest.ingest([memberAdded('grande-file', '1001', at)]);
    for (let batch = 0; batch < 10; batch += 1) {
      const events: DomainEvent[] = [];
      for (let i = 0; i < 500; i += 1)
        events.push(callQueued('grande-file', `pre-${batch}-${i}`, at + batch * 500 + i));
      await ingest.ingest(events);
    }
    await iris.app.get(ProjectorService).catchUp();

    const cookie = await login(iris.url, 'sup');
    const healthy = new LiveClient(iris.url, cookie);
    const slow = new LiveClient(iris.url, cookie);
    clients.push(healthy, slow);
    for (const client of [healthy, slow]) {
      await client.connect();
      expect(await client.request('join', 'queue:grande-file')).toMatchObject({ ok: true });
      await client.until(() => client.state('queue:grande-file')?.waiting?.length === 5000, 'the big snapshot');
    }

    // The slow browser stops reading its socket.
    tcpOf(slow).pause();
    for (let i = 0; i < 60; i += 1) {
      await ingest.ingest([callQueued('grande-file', `burst-${i}`, at + 10_000 + i)]);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await healthy.until(
      () => healthy.state('queue:grande-file').waiting.length === 5060,
      'the healthy client to see every call',
    );
    const patches = healthy.messages.filter((m) => m.kind === 'patch').map((m) => m.message.seq);
    expect(patches.length).toBeGreaterThan(1);
    expect(patches).toEqual(patches.map((_, i) => patches[0]! + i));
    expect(healthy.gaps).toEqual([]);
    // Meanwhile the paused client has not seen the burst.
    expect(slow.state('queue:grande-file').waiting.length).toBe(5000);

    // It reads again: once its backlog drained, the server sends it a fresh snapshot unasked.
    tcpOf(slow).resume();
    await slow.until(() => slow.state('queue:grande-file').waiting.length === 5060, 'the slow client to catch up');
    expect(slow.messages.filter((m) => m.kind === 'snapshot').length).toBeGreaterThanOrEqual(2);
    const { serverTime: _a, ...slowState } = slow.state('queue:grande-file');
    const { serverTime: _b, ...healthyState } = healthy.state('queue:grande-file');
    expect(slowState).toEqual(healthyState);
  });
});
