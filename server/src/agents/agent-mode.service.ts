import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { IrisError, isAgentMode, pauseReasonForMode, type AgentMode, type AgentModeChanged } from '@iris/shared';
import type { Logger } from 'pino';
import { IngestService } from '../events/ingest.service.js';
import { Clock } from '../health/clock.js';
import { LIVE_STATE_SOURCE, type LiveStateSource } from '../live/live-state.source.js';
import { IRIS_LOGGER } from '../logging/logger.js';
import { MEMBER_CONTROL, type MemberControl } from './member-control.js';
import { PendingModeRepository } from './pending-mode.repository.js';

export interface ModeChangeResult {
  readonly agentId: string;
  readonly mode: AgentMode;
  readonly previousMode: AgentMode;
  /** Queue memberships Asterisk confirmed paused (or unpaused for phone). */
  readonly confirmedQueues: ReadonlyArray<string>;
}

export type ModeResultListener = (result: {
  agentId: string;
  mode: AgentMode;
  ok: boolean;
  error?: { code: string; message: string };
}) => void;

/**
 * Switching an agent between phone, desk, mail, break and offline. Anything but phone pauses
 * the agent's queue memberships in Asterisk with reason `iris:<mode>`; phone unpauses them.
 * The mode becomes effective only once Asterisk confirmed every membership: then an
 * `agent.mode_changed` event is ingested. Until then the change shows as pending; on failure
 * the caller is told and the mode stays what Asterisk says.
 */
@Injectable()
export class AgentModeService {
  private readonly listeners = new Set<ModeResultListener>();
  private readonly pendingListeners = new Set<(agentId: string) => void>();

  constructor(
    @Inject(LIVE_STATE_SOURCE) private readonly live: LiveStateSource,
    @Inject(MEMBER_CONTROL) private readonly members: MemberControl,
    @Inject(IngestService) private readonly ingest: IngestService,
    @Inject(PendingModeRepository) private readonly pending: PendingModeRepository,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(IRIS_LOGGER) private readonly logger: Logger,
  ) {}

  /** Listens to every mode change outcome (the gateway forwards them to agent rooms). */
  onResult(listener: ModeResultListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Listens to pending-state changes (so the live feed can show or clear pendingMode). */
  onPendingChange(listener: (agentId: string) => void): () => void {
    this.pendingListeners.add(listener);
    return () => this.pendingListeners.delete(listener);
  }

  async requestMode(agentId: string, mode: unknown, requestedBy: string): Promise<ModeChangeResult> {
    if (!isAgentMode(mode)) {
      throw new IrisError(
        'VALIDATION_FAILED',
        `Mode inconnu ${JSON.stringify(mode)} : attendu phone, desk, mail, break ou offline.`,
      );
    }
    const now = this.clock.now();
    const panel = await this.live.agentPanelState(agentId, now);
    if (!panel) throw new IrisError('AGENT_NOT_FOUND', `Agent ${agentId} inconnu de la téléphonie.`);
    const previousMode = panel.agent.mode;
    const memberships = await this.membershipsOf(agentId, panel.agent.queues, now);
    const requestId = randomUUID();
    if (!(await this.pending.claim(agentId, { mode, requestedBy, requestId, at: now }))) {
      throw new IrisError(
        'AGENT_MODE_CONFLICT',
        `Un changement de mode est déjà en cours pour l’agent ${agentId} : attendez sa confirmation.`,
      );
    }
    this.notifyPending(agentId);
    try {
      // Every membership, each confirmed by Asterisk (the bridge resolves on QueueMemberPause).
      await Promise.all(
        memberships.map((member) =>
          mode === 'phone'
            ? this.members.unpauseMember({ queue: member.queue, interface: member.interface, reason: '' })
            : this.members.pauseMember({
                queue: member.queue,
                interface: member.interface,
                reason: pauseReasonForMode(mode),
              }),
        ),
      );
      const event: AgentModeChanged = {
        id: `agent.mode_changed:${agentId}:${requestId}`,
        type: 'agent.mode_changed',
        v: 1,
        at: this.clock.now(),
        source: 'iris',
        data: { agentId, mode, previousMode, requestedBy },
      };
      await this.ingest.ingest([event]);
      this.logger.info(
        { agentId, mode, previousMode, requestedBy, queues: memberships.map((m) => m.queue) },
        'agent mode changed',
      );
      this.notifyResult({ agentId, mode, ok: true });
      return { agentId, mode, previousMode, confirmedQueues: memberships.map((m) => m.queue) };
    } catch (cause) {
      const error =
        cause instanceof IrisError
          ? cause
          : new IrisError(
              'TELEPHONY_REJECTED',
              `Asterisk n’a pas confirmé le passage en « ${mode} » : ${(cause as Error).message}. Le mode reste celui d’Asterisk.`,
            );
      this.logger.warn({ agentId, mode, code: error.code, err: cause }, 'agent mode change failed');
      this.notifyResult({ agentId, mode, ok: false, error: { code: error.code, message: error.message } });
      throw error;
    } finally {
      await this.pending.release(agentId, requestId);
      this.notifyPending(agentId);
    }
  }

  private async membershipsOf(
    agentId: string,
    queues: ReadonlyArray<string>,
    now: number,
  ): Promise<Array<{ queue: string; interface: string }>> {
    const found: Array<{ queue: string; interface: string }> = [];
    for (const queue of queues) {
      const view = await this.live.queueState(queue, now);
      for (const member of view?.members ?? [])
        if (member.agentId === agentId) found.push({ queue, interface: member.interface });
    }
    return found;
  }

  private notifyResult(result: Parameters<ModeResultListener>[0]): void {
    for (const listener of this.listeners) listener(result);
  }

  private notifyPending(agentId: string): void {
    for (const listener of this.pendingListeners) listener(agentId);
  }
}
