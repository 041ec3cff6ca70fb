import { applyPatch, mergePatches, type StatePatch } from '@iris/shared';
import { RoomCoalescer, type CoalescerTimer } from './room-coalescer.js';
import { diffState } from './state-diff.js';

/** A clock and timers the test moves by hand: no real waiting, no timing assertions. */
class ManualTimer implements CoalescerTimer {
  private time = 1_000;
  private timers: Array<{ at: number; callback: () => void; id: number }> = [];
  private nextId = 1;
  now(): number {
    return this.time;
  }
  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.push({ at: this.time + ms, callback, id });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((timer) => timer.id !== handle);
  }
  /** Moves time forward, firing due timers in order and letting promises settle between them. */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      await settle();
      this.timers.sort((a, b) => a.at - b.at);
      const due = this.timers[0];
      if (!due || due.at > end) break;
      this.timers.shift();
      this.time = Math.max(this.time, due.at);
      due.callback();
    }
    this.time = end;
    await settle();
  }
}

async function settle(): Promise<void> {
  for (let i = 0; i < 10; i += 1) await Promise.resolve();
}

type Board = { serverTime: number; total: number; agents: Record<string, { mode: string }> };

function harness(maxPerSecond = 4) {
  const timer = new ManualTimer();
  let state: Board = { serverTime: 0, total: 0, agents: { a1: { mode: 'phone' }, a2: { mode: 'phone' } } };
  let lastSent = state;
  const sent: Array<{ seq: number; patch: StatePatch<Board> }> = [];
  const emittedAt: number[] = [];
  let reads = 0;
  const coalescer = new RoomCoalescer<StatePatch<Board>>({
    maxPerSecond,
    timer,
    initialSeq: 7,
    produce: async () => {
      reads += 1;
      const patch = diffState(lastSent, state);
      if (patch) lastSent = state;
      return patch;
    },
    emit: (seq, patch) => {
      sent.push({ seq, patch });
      emittedAt.push(timer.now());
    },
    onError: (error) => {
      throw error;
    },
  });
  return {
    timer,
    coalescer,
    sent,
    emittedAt,
    reads: () => reads,
    change(update: (s: Board) => Board) {
      state = update(state);
      coalescer.changed();
    },
    state: () => state,
  };
}

describe('RoomCoalescer', () => {
  it('sends the first change after a quiet spell at once', async () => {
    const h = harness();
    h.change((s) => ({ ...s, total: 1 }));
    await h.timer.advance(0);
    expect(h.sent).toEqual([{ seq: 8, patch: { total: 1 } }]);
  });

  it('limits a burst to the rate and merges what changed in between', async () => {
    const h = harness(4); // one patch per 250 ms at most
    h.change((s) => ({ ...s, total: 1 }));
    await h.timer.advance(0);
    // 100 changes over the next second, one every 10 ms
    for (let i = 0; i < 100; i += 1) {
      const agent = i % 2 === 0 ? 'a1' : 'a2';
      h.change((s) => ({
        ...s,
        total: s.total + 1,
        agents: { ...s.agents, [agent]: { mode: i % 4 < 2 ? 'desk' : 'phone' } },
      }));
      await h.timer.advance(10);
    }
    await h.timer.advance(1_000);
    // 1 immediate + at most 4 per second over ~1.25 s of activity
    expect(h.sent.length).toBeGreaterThanOrEqual(3);
    expect(h.sent.length).toBeLessThanOrEqual(6);
    expect(h.reads()).toBe(h.sent.length);
    // consecutive seq numbers after the snapshot's 7
    expect(h.sent.map((m) => m.seq)).toEqual(h.sent.map((_, i) => 8 + i));
    // applying the few patches to the snapshot gives exactly the final state
    const initial: Board = { serverTime: 0, total: 0, agents: { a1: { mode: 'phone' }, a2: { mode: 'phone' } } };
    const rebuilt = h.sent.reduce((s, m) => applyPatch(s, m.patch), initial);
    expect(rebuilt).toEqual(h.state());
    expect(rebuilt.total).toBe(101);
    // and one merged patch (shared's mergePatches) has the same effect
    const merged = h.sent.map((m) => m.patch).reduce((a, b) => mergePatches(a, b));
    expect(applyPatch(initial, merged)).toEqual(h.state());
  });

  it('spaces patches by the minimum interval', async () => {
    const h = harness(4);
    for (let i = 0; i < 20; i += 1) {
      h.change((s) => ({ ...s, total: s.total + 1 }));
      await h.timer.advance(50);
    }
    await h.timer.advance(500);
    expect(h.sent.length).toBeGreaterThanOrEqual(4);
    for (let i = 1; i < h.emittedAt.length; i += 1)
      expect(h.emittedAt[i]! - h.emittedAt[i - 1]!).toBeGreaterThanOrEqual(250);
  });

  it('sends nothing and keeps its seq when only the clock moved', async () => {
    const h = harness();
    h.change((s) => ({ ...s, serverTime: 5 }));
    await h.timer.advance(1_000);
    expect(h.sent).toEqual([]);
    expect(h.coalescer.seq).toBe(7);
    h.change((s) => ({ ...s, total: 2 }));
    await h.timer.advance(0);
    expect(h.sent).toEqual([{ seq: 8, patch: { serverTime: 5, total: 2 } }]);
  });

  it('retries after a failed read without losing the change', async () => {
    const timer = new ManualTimer();
    const sent: number[] = [];
    const errors: unknown[] = [];
    let fail = true;
    const coalescer = new RoomCoalescer<{ total: number }>({
      maxPerSecond: 4,
      timer,
      produce: async () => {
        if (fail) {
          fail = false;
          throw new Error('redis down');
        }
        return { total: 3 };
      },
      emit: (seq) => sent.push(seq),
      onError: (error) => errors.push(error),
    });
    coalescer.changed();
    await timer.advance(1_000);
    expect(errors).toHaveLength(1);
    expect(sent).toEqual([1]);
  });

  it('runs exclusive tasks only between reads, and stops after dispose', async () => {
    const h = harness();
    h.change((s) => ({ ...s, total: 1 }));
    const order: string[] = [];
    await h.coalescer.exclusive(() => order.push('snapshot'));
    await h.timer.advance(0);
    expect(order).toEqual(['snapshot']);
    h.coalescer.dispose();
    h.change((s) => ({ ...s, total: 9 }));
    await h.timer.advance(1_000);
    expect(h.sent.map((m) => m.patch)).toEqual([{ total: 1 }]);
  });
});

describe('diffState', () => {
  type Wall = {
    serverTime: number;
    pickupRateTarget: number;
    queues: Record<string, { waiting: number }>;
    agents: Record<string, { mode: string }>;
  };
  const base: Wall = {
    serverTime: 1,
    pickupRateTarget: 0.91,
    queues: { accueil: { waiting: 1 }, social: { waiting: 0 } },
    agents: { '1001': { mode: 'phone' } },
  };

  it('lists only changed keyed entries, null for removed ones, and whole changed fields', () => {
    const next: Wall = {
      serverTime: 2,
      pickupRateTarget: 0.9,
      queues: { accueil: { waiting: 2 }, urbanisme: { waiting: 0 } },
      agents: { '1001': { mode: 'phone' } },
    };
    const patch = diffState(base, next);
    expect(patch).toEqual({
      serverTime: 2,
      pickupRateTarget: 0.9,
      queues: { accueil: { waiting: 2 }, social: null, urbanisme: { waiting: 0 } },
    });
    expect(applyPatch(base, patch!)).toEqual(next);
  });

  it('returns null when nothing changed', () => {
    expect(diffState(base, structuredClone(base))).toBeNull();
  });
});
