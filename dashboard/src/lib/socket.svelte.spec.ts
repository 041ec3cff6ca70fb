import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import type { Socket as ServerSocket } from 'socket.io';
import { LiveSocket } from './socket.svelte.js';

/**
 * The live socket against a real socket.io server on a free port: snapshot then patches,
 * a seq gap answered by a resync, a refused join reported, and a server-side disconnect
 * followed by an automatic reconnect that joins again and takes a fresh snapshot.
 */
interface Demo {
  serverTime: number;
  queues: Record<string, { waiting: number }>;
}

async function until(predicate: () => boolean, what: string, timeoutMs = 8000): Promise<void> {
  const started = Date.now();
  while (!predicate()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('LiveSocket against a real socket.io server', () => {
  let io: Server;
  let url: string;
  const joins: string[] = [];
  const resyncs: string[] = [];
  let current: ServerSocket | null = null;
  let snapshotSeq = 10;

  beforeAll(async () => {
    const http = createServer();
    io = new Server(http, { transports: ['websocket'] });
    io.on('connection', (socket) => {
      current = socket;
      socket.on('join', (room: string, ack: (r: unknown) => void) => {
        joins.push(room);
        if (room.startsWith('agent:'))
          return ack({ ok: false, error: { code: 'FORBIDDEN', message: 'Accès refusé à ce poste.' } });
        ack({ ok: true });
        socket.emit('snapshot', {
          room,
          seq: snapshotSeq,
          state: { serverTime: snapshotSeq, queues: { accueil: { waiting: 1 } } },
        });
      });
      socket.on('resync', (room: string, ack: (r: unknown) => void) => {
        resyncs.push(room);
        // This server answers the resync with the snapshot in the ack itself.
        ack({ ok: true, data: { room, seq: 13, state: { serverTime: 13, queues: { accueil: { waiting: 4 } } } } });
      });
      socket.on('leave', (_room: string, ack: (r: unknown) => void) => ack({ ok: true }));
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => io.close(resolve));
  });

  it('follows a room through patches, a gap, a refused join and a reconnect', async () => {
    const live = new LiveSocket();
    const seen: Array<{ state: Demo; fresh: boolean }> = [];
    live.subscribe('supervisor', (state, fresh) => seen.push({ state: state as Demo, fresh }));
    live.open(url);
    try {
      await until(() => seen.length === 1, 'the first snapshot');
      expect(live.connected).toBe(true);
      expect(seen[0]).toEqual({ state: { serverTime: 10, queues: { accueil: { waiting: 1 } } }, fresh: true });

      // In-order patch: applied. Duplicate: ignored.
      current!.emit('patch', { room: 'supervisor', seq: 11, patch: { queues: { accueil: { waiting: 2 } } } });
      current!.emit('patch', { room: 'supervisor', seq: 11, patch: { queues: { accueil: { waiting: 99 } } } });
      await until(() => seen.length === 2, 'the patch');
      expect(seen[1]).toEqual({ state: { serverTime: 10, queues: { accueil: { waiting: 2 } } }, fresh: false });

      // Gap (12 missing): the client asks for a resync and takes the fresh snapshot.
      current!.emit('patch', { room: 'supervisor', seq: 13, patch: { queues: { accueil: { waiting: 50 } } } });
      await until(() => seen.length === 3, 'the snapshot after the gap');
      expect(resyncs).toEqual(['supervisor']);
      expect(seen[2]).toEqual({ state: { serverTime: 13, queues: { accueil: { waiting: 4 } } }, fresh: true });

      // A room the server refuses is reported with its reason.
      live.subscribe('agent:2001', () => undefined);
      await until(() => 'agent:2001' in live.roomErrors, 'the refused join');
      expect(live.roomErrors['agent:2001']).toEqual({ code: 'FORBIDDEN', message: 'Accès refusé à ce poste.' });

      // The server drops us: the feed is marked interrupted, then the client reconnects,
      // joins its rooms again and accepts the new snapshot even though its seq is lower.
      snapshotSeq = 3;
      const joinsBefore = joins.filter((room) => room === 'supervisor').length;
      current!.disconnect(true);
      await until(() => !live.connected, 'the disconnect');
      expect(live.interruptedSince).not.toBeNull();
      await until(() => live.connected && seen.length === 4, 'the reconnect and its fresh snapshot');
      expect(joins.filter((room) => room === 'supervisor').length).toBe(joinsBefore + 1);
      expect(seen[3]).toEqual({ state: { serverTime: 3, queues: { accueil: { waiting: 1 } } }, fresh: true });
      expect(live.interruptedSince).toBeNull();
      expect(live.restoredAt).not.toBeNull();

      // Patches continue from the new snapshot's seq.
      current!.emit('patch', { room: 'supervisor', seq: 4, patch: { serverTime: 4 } });
      await until(() => seen.length === 5, 'the patch after reconnect');
      expect(seen[4]!.state.serverTime).toBe(4);
    } finally {
      live.close();
    }
  });
});
