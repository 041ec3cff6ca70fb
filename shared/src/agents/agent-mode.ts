/** Where an agent is working. Anything but `phone` pauses the agent's queue memberships. */
export const AGENT_MODES = ['phone', 'desk', 'mail', 'break', 'offline'] as const;
export type AgentMode = (typeof AGENT_MODES)[number];

export function isAgentMode(value: unknown): value is AgentMode {
  return typeof value === 'string' && (AGENT_MODES as readonly string[]).includes(value);
}

/** The pause reason written to Asterisk for a mode; `phone` means unpaused. */
export function pauseReasonForMode(mode: Exclude<AgentMode, 'phone'>): string {
  return `iris:${mode}`;
}

/** Reads back a mode from an Asterisk pause reason written by IRIS; null for outside pauses. */
export function modeFromPauseReason(reason: string): Exclude<AgentMode, 'phone'> | null {
  const match = /^iris:(desk|mail|break|offline)$/.exec(reason);
  return match ? (match[1] as Exclude<AgentMode, 'phone'>) : null;
}
