import type { AgentMode } from '../agents/agent-mode.js';
import type { DeviceState } from '../events/member-events.js';
import type { KpiFigures } from '../kpi/queue-kpis.js';

/** KPI figures over the three live windows. */
export interface WindowedKpis {
  readonly last15m: KpiFigures;
  readonly lastHour: KpiFigures;
  readonly today: KpiFigures;
}

export interface WaitingCallerView {
  readonly callId: string;
  readonly callerNumber: string;
  readonly callerName: string | null;
  readonly position: number;
  /** epoch ms; the screen ticks "now - joinedAt" itself, so no patch is needed each second. */
  readonly joinedAt: number;
}

export interface QueueMemberView {
  readonly agentId: string;
  readonly interface: string;
  readonly name: string;
  readonly deviceState: DeviceState;
  readonly paused: boolean;
  readonly pausedReason: string;
  readonly inCall: boolean;
}

export interface QueueView {
  readonly queue: string;
  readonly serviceLevelSeconds: number;
  readonly waiting: ReadonlyArray<WaitingCallerView>;
  readonly members: ReadonlyArray<QueueMemberView>;
  readonly callsInProgress: number;
  readonly kpis: WindowedKpis;
}

export interface AgentView {
  readonly agentId: string;
  readonly name: string;
  readonly mode: AgentMode;
  /** A mode asked for and not yet confirmed by Asterisk. */
  readonly pendingMode: AgentMode | null;
  readonly deviceState: DeviceState;
  /** epoch ms since when the agent is in this mode/state. */
  readonly since: number;
  readonly callsToday: number;
  readonly talkSecondsToday: number;
  readonly currentCall: {
    readonly callId: string;
    readonly queue: string;
    readonly callerNumber: string;
    readonly since: number;
  } | null;
  readonly queues: ReadonlyArray<string>;
}

export interface TelephonyLinkView {
  readonly state: 'connecting' | 'connected' | 'disconnected' | 'disabled';
  readonly since: number;
}

/** Everything the supervisor room shows. Collections are keyed so a patch can replace one entry. */
export interface SupervisorState {
  readonly serverTime: number;
  readonly pickupRateTarget: number;
  readonly frontOffice: WindowedKpis;
  readonly queues: Readonly<Record<string, QueueView>>;
  readonly agents: Readonly<Record<string, AgentView>>;
  readonly telephony: TelephonyLinkView;
}

/** What one agent's panel shows. */
export interface AgentPanelState {
  readonly serverTime: number;
  readonly agent: AgentView;
}
