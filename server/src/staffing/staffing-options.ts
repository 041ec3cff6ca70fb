import type { AgentMode, StaffingTargets } from '@iris/shared';

/** Staffing targets and the automatic switch's pace, from the configuration. */
export interface StaffingOptions {
  readonly targets: StaffingTargets;
  /** How often the automatic switch looks at the advice (when turned on). */
  readonly autoCheckSeconds: number;
  /** An agent moved automatically is left alone this long (no ping-pong between desk and phone). */
  readonly autoCooldownMinutes: number;
}

export const STAFFING_OPTIONS = Symbol('IRIS_STAFFING_OPTIONS');

/**
 * What applying advice needs from the agents feature: AgentModeService.requestMode, which
 * pauses/unpauses the agent in Asterisk and resolves once confirmed (rejects otherwise).
 */
export interface ModeSwitcher {
  requestMode(agentId: string, mode: AgentMode, requestedBy: string): Promise<unknown>;
}

export const MODE_SWITCHER = Symbol('IRIS_STAFFING_MODE_SWITCHER');
