import { Injectable } from '@nestjs/common';
import {
  parisDayKey,
  type AgentPanelState,
  type AgentView,
  type QueueView,
  type SupervisorState,
  type TelephonyLinkView,
  type WindowedKpis,
} from '@iris/shared';
import { effectiveMode } from './agent-state.projection.js';
import type { AgentRecord } from './call-records.js';
import { KpiQueryService } from './kpi-query.service.js';
import { LiveStateRepository, type QueueRecords, type TelephonyGapRecord } from './live-state.repository.js';

/** What the supervisor state needs from outside the store (the server fills it). */
export interface SupervisorContext {
  readonly telephony: TelephonyLinkView;
  readonly pickupRateTarget: number;
}

/** Used until the server registers its provider: no telephony link known, the seed's 90 % target. */
export const DEFAULT_SUPERVISOR_CONTEXT: SupervisorContext = {
  telephony: { state: 'disabled', since: 0 },
  pickupRateTarget: 0.9,
};

/**
 * Builds the socket contract's views (shared/src/socket/views.ts) from the projections:
 * the supervisor room, one queue, one agent's panel. Pure reads; the gateway calls it on
 * join and after each ProjectionChanges announcement.
 */
@Injectable()
export class LiveStateReader {
  private contextProvider: (now: number) => SupervisorContext = () => DEFAULT_SUPERVISOR_CONTEXT;

  constructor(
    private readonly repository: LiveStateRepository,
    private readonly kpis: KpiQueryService,
  ) {}

  /** Hook for the server: where the telephony link state and the pickup-rate target come from. */
  setSupervisorContextProvider(provider: (now: number) => SupervisorContext): void {
    this.contextProvider = provider;
  }

  async supervisorState(now: number, context?: SupervisorContext): Promise<SupervisorState> {
    const { telephony, pickupRateTarget } = context ?? this.contextProvider(now);
    const metas = await this.repository.queueMetas();
    const [queueRecords, agents, windows] = await Promise.all([
      this.repository.queues(metas),
      this.repository.agents(),
      this.kpis.windows([undefined, ...[...metas.keys()].sort()], now),
    ]);
    const queues: Record<string, QueueView> = {};
    queueRecords.forEach((records, i) => (queues[records.queue] = queueView(records, windows[i + 1]!)));
    const agentViews: Record<string, AgentView> = {};
    for (const record of agents) agentViews[record.agentId] = agentView(record, now);
    return { serverTime: now, pickupRateTarget, frontOffice: windows[0]!, queues, agents: agentViews, telephony };
  }

  async queueState(queue: string, now: number): Promise<QueueView | null> {
    const meta = (await this.repository.queueMetas()).get(queue);
    if (!meta) return null;
    const [[records], [kpis]] = await Promise.all([
      this.repository.queues(new Map([[queue, meta]])),
      this.kpis.windows([queue], now),
    ]);
    return queueView(records!, kpis!);
  }

  /** Calls Asterisk handled while the bridge was away, per queue and reconnection, to be shown (never folded into KPIs). */
  telephonyGaps(): Promise<TelephonyGapRecord[]> {
    return this.repository.telephonyGaps();
  }

  async agentPanelState(agentId: string, now: number): Promise<AgentPanelState | null> {
    const record = await this.repository.agent(agentId);
    return record ? { serverTime: now, agent: agentView(record, now) } : null;
  }
}

export function queueView(records: QueueRecords, kpis: WindowedKpis): QueueView {
  return {
    queue: records.queue,
    serviceLevelSeconds: records.meta.serviceLevelSeconds,
    // Live positions are ranks in join order (see QueueStateProjection.leaveQueue).
    waiting: records.waiting
      .sort((a, b) => a.joinedAt - b.joinedAt || a.position - b.position)
      .map(({ callId, callerNumber, callerName, joinedAt }, index) => ({
        callId,
        callerNumber,
        callerName,
        position: index + 1,
        joinedAt,
      })),
    members: records.members
      .sort((a, b) => a.name.localeCompare(b.name) || a.interface.localeCompare(b.interface))
      .map(({ agentId, interface: memberInterface, name, deviceState, paused, pausedReason, inCall }) => ({
        agentId,
        interface: memberInterface,
        name,
        deviceState,
        paused,
        pausedReason,
        inCall,
      })),
    callsInProgress: records.calls.length,
    kpis,
  };
}

/** Daily counters of an earlier Paris day read as zero. */
export function agentView(record: AgentRecord, now: number): AgentView {
  const today = record.day === parisDayKey(now);
  return {
    agentId: record.agentId,
    name: record.name,
    mode: effectiveMode(record),
    pendingMode: null,
    deviceState: record.deviceState,
    since: record.since,
    callsToday: today ? record.callsToday : 0,
    talkSecondsToday: today ? record.talkSecondsToday : 0,
    currentCall: record.currentCall,
    queues: record.queues,
  };
}
