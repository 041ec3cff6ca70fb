import { Inject, Injectable } from '@nestjs/common';
import type { AgentPanelState, AgentView, QueueView, RoomName, SupervisorState } from '@iris/shared';
import { PendingModeRepository } from '../agents/pending-mode.repository.js';
import { IRIS_CONFIG, type IrisConfig } from '../config/iris-config.js';
import { LIVE_STATE_SOURCE, type LiveChange, type LiveStateSource } from './live-state.source.js';
import { TELEPHONY_LINK, type TelephonyLink } from './telephony-link.js';

export type RoomState = SupervisorState | QueueView | AgentPanelState;

/**
 * Room states as screens see them: the store's projections plus what only the server knows
 * (the contract's pickup-rate target, the AMI link, mode changes awaiting Asterisk).
 */
@Injectable()
export class LiveStateService {
  constructor(
    @Inject(LIVE_STATE_SOURCE) private readonly source: LiveStateSource,
    @Inject(TELEPHONY_LINK) private readonly link: TelephonyLink,
    @Inject(PendingModeRepository) private readonly pending: PendingModeRepository,
    @Inject(IRIS_CONFIG) private readonly config: IrisConfig,
  ) {}

  async supervisorState(now: number): Promise<SupervisorState> {
    const state = await this.source.supervisorState(now);
    const pending = await this.pending.findMany(Object.keys(state.agents));
    const agents: Record<string, AgentView> = {};
    for (const [id, agent] of Object.entries(state.agents))
      agents[id] = { ...agent, pendingMode: pending.get(id)?.mode ?? null };
    return { ...state, agents, pickupRateTarget: this.config.pickupRateTarget, telephony: this.link.view() };
  }

  queueState(queue: string, now: number): Promise<QueueView | null> {
    return this.source.queueState(queue, now);
  }

  async agentPanelState(agentId: string, now: number): Promise<AgentPanelState | null> {
    const panel = await this.source.agentPanelState(agentId, now);
    if (!panel) return null;
    const pending = await this.pending.find(agentId);
    return { ...panel, agent: { ...panel.agent, pendingMode: pending?.mode ?? null } };
  }

  roomState(room: RoomName, now: number): Promise<RoomState | null> {
    if (room === 'supervisor') return this.supervisorState(now);
    if (room.startsWith('queue:')) return this.queueState(room.slice('queue:'.length), now);
    return this.agentPanelState(room.slice('agent:'.length), now);
  }

  subscribe(listener: (change: LiveChange) => void): () => void {
    return this.source.subscribe(listener);
  }
}

/** Whether a change concerns a room: the supervisor sees everything; a queue its own; an agent itself. */
export function roomConcerned(room: RoomName, change: LiveChange): boolean {
  if (room === 'supervisor') return true;
  if (room.startsWith('queue:')) return change.kpis || change.queues.includes(room.slice('queue:'.length));
  return change.agents.includes(room.slice('agent:'.length));
}
