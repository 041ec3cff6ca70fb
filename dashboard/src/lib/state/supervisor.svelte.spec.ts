import { SupervisorStore } from './supervisor.svelte.js';
import { caller, queue, agent, windowed } from '../testing/view-fixtures.js';
import type { SupervisorState } from '@iris/shared';

function state(overrides: Partial<SupervisorState> = {}): SupervisorState {
  return {
    serverTime: 0,
    pickupRateTarget: 0.85,
    frontOffice: windowed(),
    queues: {},
    agents: {},
    telephony: { state: 'connected', since: 0 },
    ...overrides,
  };
}

describe('SupervisorStore (compiled runes)', () => {
  it('uses the 91 % default target until the server says otherwise', () => {
    const store = new SupervisorStore();
    expect(store.target).toBe(0.91);
    store.state = state();
    expect(store.target).toBe(0.85);
  });

  it('derives the callers waiting, the agents per mode and the telephony link from the replaced state', () => {
    const store = new SupervisorStore();
    expect(store.waiting).toBe(0);
    store.state = state({
      queues: {
        a: queue('a', { waiting: [caller('1', 0), caller('2', 0)] }),
        b: queue('b', { waiting: [caller('3', 0)] }),
      },
      agents: { x: agent('x', { mode: 'desk' }), y: agent('y') },
      telephony: { state: 'disconnected', since: 5 },
    });
    expect(store.waiting).toBe(3);
    expect(store.modeCounts).toEqual({ phone: 1, desk: 1, mail: 0, break: 0, offline: 0 });
    expect(store.telephonyDown).toBe(true);
    store.state = state({ queues: {} });
    expect(store.waiting).toBe(0);
    expect(store.telephonyDown).toBe(false);
  });
});
