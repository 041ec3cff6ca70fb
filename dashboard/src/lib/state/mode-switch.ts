import type { AgentMode, AgentView } from '@iris/shared';

/**
 * An agent's mode change, from the click to Asterisk's confirmation. The server marks the
 * change pending (`pendingMode`) and clears it when QueueMemberPause comes back; between
 * the click and the server's first patch we hold the request locally so the button shows
 * "pending" at once. Pure, so the rules are unit-tested.
 */
export type ModeSwitch =
  | { readonly phase: 'idle' }
  | { readonly phase: 'pending'; readonly mode: AgentMode }
  | { readonly phase: 'confirmed'; readonly mode: AgentMode }
  | { readonly phase: 'failed'; readonly mode: AgentMode; readonly reason: string | null };

export const IDLE: ModeSwitch = { phase: 'idle' };

export function requested(mode: AgentMode): ModeSwitch {
  return { phase: 'pending', mode };
}

export function failed(mode: AgentMode, reason: string | null): ModeSwitch {
  return { phase: 'failed', mode, reason };
}

/** Folds a new agent state into the switch: confirmation ends a pending request. */
export function withAgentState(current: ModeSwitch, agent: AgentView): ModeSwitch {
  if (current.phase !== 'pending') return current;
  if (agent.mode === current.mode && agent.pendingMode === null) return { phase: 'confirmed', mode: current.mode };
  return current;
}

/** The mode to show as pending: ours if we asked, else whatever the server holds pending. */
export function pendingMode(current: ModeSwitch, agent: AgentView | null): AgentMode | null {
  if (current.phase === 'pending') return current.mode;
  return agent?.pendingMode ?? null;
}

/** The modes an agent switches between by hand (offline is for signing off, not a button). */
export const SWITCHABLE_MODES: ReadonlyArray<AgentMode> = ['phone', 'desk', 'mail', 'break'];
