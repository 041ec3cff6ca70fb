import { RoomSync } from './room-sync.js';
import type { PatchMessage, SnapshotMessage } from '@iris/shared';

interface Demo {
  serverTime: number;
  queues: Record<string, { waiting: number }>;
}

const snapshot = (seq: number, state: Demo): SnapshotMessage<Demo> => ({ room: 'supervisor', seq, state });
const patch = (seq: number, p: PatchMessage<Demo>['patch']): PatchMessage<Demo> => ({
  room: 'supervisor',
  seq,
  patch: p,
});

describe('RoomSync', () => {
  it('ignores patches until the first snapshot', () => {
    const sync = new RoomSync<Demo>();
    expect(sync.patch(patch(1, { serverTime: 5 }))).toBe('ignored');
    expect(sync.state).toBeNull();
  });

  it('applies consecutive patches on top of the snapshot, keyed entries one by one', () => {
    const sync = new RoomSync<Demo>();
    sync.snapshot(snapshot(10, { serverTime: 1, queues: { accueil: { waiting: 0 }, etat: { waiting: 2 } } }));
    expect(sync.patch(patch(11, { queues: { accueil: { waiting: 3 } } }))).toBe('applied');
    expect(sync.patch(patch(12, { serverTime: 2, queues: { etat: null } }))).toBe('applied');
    expect(sync.state).toEqual({ serverTime: 2, queues: { accueil: { waiting: 3 } } });
    expect(sync.seq).toBe(12);
  });

  it('drops a duplicate or older patch without counting it twice', () => {
    const sync = new RoomSync<Demo>();
    sync.snapshot(snapshot(1, { serverTime: 1, queues: { a: { waiting: 1 } } }));
    sync.patch(patch(2, { queues: { a: { waiting: 2 } } }));
    expect(sync.patch(patch(2, { queues: { a: { waiting: 99 } } }))).toBe('ignored');
    expect(sync.patch(patch(1, { queues: { a: { waiting: 98 } } }))).toBe('ignored');
    expect(sync.state!.queues.a!.waiting).toBe(2);
  });

  it('asks for a resync on a gap, keeps the last good state, and waits for the snapshot', () => {
    const sync = new RoomSync<Demo>();
    sync.snapshot(snapshot(1, { serverTime: 1, queues: { a: { waiting: 1 } } }));
    expect(sync.patch(patch(3, { queues: { a: { waiting: 5 } } }))).toBe('resync');
    expect(sync.awaitingSnapshot).toBe(true);
    expect(sync.state!.queues.a!.waiting).toBe(1);
    // Patches after the gap are not trusted until the fresh snapshot.
    expect(sync.patch(patch(4, { queues: { a: { waiting: 6 } } }))).toBe('ignored');
    expect(sync.snapshot(snapshot(4, { serverTime: 4, queues: { a: { waiting: 6 } } }))).toBe('applied');
    expect(sync.patch(patch(5, { queues: { a: { waiting: 7 } } }))).toBe('applied');
    expect(sync.state!.queues.a!.waiting).toBe(7);
  });

  it('drops a late, older snapshot once a newer state is held', () => {
    const sync = new RoomSync<Demo>();
    sync.snapshot(snapshot(5, { serverTime: 5, queues: {} }));
    sync.patch(patch(6, { serverTime: 6 }));
    expect(sync.snapshot(snapshot(4, { serverTime: 4, queues: {} }))).toBe('ignored');
    expect(sync.state!.serverTime).toBe(6);
  });

  it('after a reconnect, accepts the fresh snapshot even if its seq restarted lower', () => {
    const sync = new RoomSync<Demo>();
    sync.snapshot(snapshot(50, { serverTime: 50, queues: {} }));
    sync.expectSnapshot();
    expect(sync.snapshot(snapshot(3, { serverTime: 60, queues: {} }))).toBe('applied');
    expect(sync.seq).toBe(3);
    expect(sync.patch(patch(4, { serverTime: 61 }))).toBe('applied');
  });
});
