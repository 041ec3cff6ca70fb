import { applyPatch, mergePatches, roomKind, type StatePatch } from './contract.js';

interface DemoState {
  serverTime: number;
  queues: Record<string, { waiting: number }>;
  agents: Record<string, { mode: string }>;
  telephony: { state: string };
}

const base: DemoState = {
  serverTime: 1,
  queues: { accueil: { waiting: 2 }, 'etat-civil': { waiting: 0 } },
  agents: { '1001': { mode: 'phone' } },
  telephony: { state: 'connected' },
};

describe('applyPatch', () => {
  it('replaces listed entries of keyed collections and keeps the others', () => {
    const next = applyPatch(base, { queues: { accueil: { waiting: 3 } } });
    expect(next.queues).toEqual({ accueil: { waiting: 3 }, 'etat-civil': { waiting: 0 } });
    expect(next.agents).toBe(base.agents);
  });

  it('removes an entry patched to null', () => {
    const next = applyPatch(base, { queues: { 'etat-civil': null } });
    expect(Object.keys(next.queues)).toEqual(['accueil']);
  });

  it('replaces plain fields whole, including objects that are not keyed collections', () => {
    const next = applyPatch(base, { serverTime: 2, telephony: { state: 'disconnected' } });
    expect(next.serverTime).toBe(2);
    expect(next.telephony).toEqual({ state: 'disconnected' });
  });

  it('never mutates the previous state', () => {
    const frozen = structuredClone(base);
    applyPatch(base, { queues: { accueil: null }, serverTime: 9 });
    expect(base).toEqual(frozen);
  });
});

describe('mergePatches', () => {
  it('has the same effect as applying both patches in order', () => {
    const first: StatePatch<DemoState> = { queues: { accueil: { waiting: 5 } }, agents: { '1001': { mode: 'desk' } } };
    const second: StatePatch<DemoState> = { queues: { accueil: null, 'etat-civil': { waiting: 1 } }, serverTime: 7 };
    expect(applyPatch(base, mergePatches(first, second))).toEqual(applyPatch(applyPatch(base, first), second));
  });
});

describe('roomKind', () => {
  it('tells the supervisor, queue and agent rooms apart', () => {
    expect(roomKind('supervisor')).toBe('supervisor');
    expect(roomKind('queue:accueil')).toBe('queue');
    expect(roomKind('agent:1001')).toBe('agent');
  });
});
