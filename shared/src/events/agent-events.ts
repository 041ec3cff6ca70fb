import type { EventEnvelope } from './domain-event.js';
import type { AgentMode } from '../agents/agent-mode.js';

/** An agent's mode became effective (for phone-related modes: once Asterisk confirmed). */
export type AgentModeChanged = EventEnvelope<
  'agent.mode_changed',
  {
    readonly agentId: string;
    readonly mode: AgentMode;
    readonly previousMode: AgentMode | null;
    /** user id of whoever asked, or 'asterisk' when the change came from outside IRIS. */
    readonly requestedBy: string;
  }
>;

export type AgentEvent = AgentModeChanged;
