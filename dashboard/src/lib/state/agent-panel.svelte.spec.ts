import { AgentPanelStore } from './agent-panel.svelte.js';
import { agent } from '../testing/view-fixtures.js';

describe('AgentPanelStore (compiled runes)', () => {
  it('fails a switch at once, with no server reason, when the live socket is not open', async () => {
    const store = new AgentPanelStore('1001');
    await store.choose('desk');
    expect(store.switch).toEqual({ phase: 'failed', mode: 'desk', reason: null });
    expect(store.pending).toBeNull();
  });

  it('shows what the server holds pending when this panel asked nothing', () => {
    const store = new AgentPanelStore('1001');
    store.state = { serverTime: 0, agent: agent('1001', { pendingMode: 'mail' }) };
    expect(store.agent?.agentId).toBe('1001');
    expect(store.pending).toBe('mail');
  });
});
