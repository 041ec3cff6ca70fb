import type { AgentMode, AgentPanelState } from '@iris/shared';
import { liveSocket } from '../socket.svelte.js';
import { clockOffset } from './server-clock.js';
import { IDLE, failed, pendingMode, requested, withAgentState } from './mode-switch.js';
import type { ModeSwitch } from './mode-switch.js';

/** One agent's panel: the agent room's state and the mode switch in flight. */
export class AgentPanelStore {
  state = $state.raw<AgentPanelState | null>(null);
  offset = $state(0);
  switch = $state.raw<ModeSwitch>(IDLE);

  agent = $derived(this.state?.agent ?? null);
  pending = $derived(pendingMode(this.switch, this.agent));

  constructor(readonly agentId: string) {}

  follow(): () => void {
    const stopRoom = liveSocket.subscribe(`agent:${this.agentId}`, (state, fresh) => {
      const next = state as AgentPanelState;
      if (fresh) this.offset = clockOffset(next.serverTime, Date.now());
      this.state = next;
      this.switch = withAgentState(this.switch, next.agent);
    });
    const stopResults = liveSocket.onModeResult((result) => {
      if (result.agentId !== this.agentId) return;
      if (!result.ok) this.switch = failed(result.mode, result.error?.message ?? null);
      else if (this.agent) this.switch = withAgentState(this.switch, this.agent);
    });
    return () => {
      stopRoom();
      stopResults();
    };
  }

  async choose(mode: AgentMode): Promise<void> {
    this.switch = requested(mode);
    try {
      await liveSocket.setMode(this.agentId, mode);
      if (this.agent) this.switch = withAgentState(this.switch, this.agent);
    } catch (error) {
      this.switch = failed(mode, (error as Error).message === 'OFFLINE' ? null : (error as Error).message);
    }
  }
}
