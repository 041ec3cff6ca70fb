import { Inject, Injectable } from '@nestjs/common';
import type { AgentPanelState, QueueView, SupervisorState } from '@iris/shared';
import { LiveStateReader } from '../calls/live-state.reader.js';
import { IRIS_CONFIG, type IrisConfig } from '../config/iris-config.js';
import { ProjectionChanges } from '../projector/projection-changes.service.js';
import type { LiveChange, LiveStateSource } from './live-state.source.js';
import { TELEPHONY_LINK, type TelephonyLink } from './telephony-link.js';

/** The live feed's source in the app: the store's projections and its cross-replica change announcements. */
@Injectable()
export class StoreLiveStateSource implements LiveStateSource {
  constructor(
    @Inject(LiveStateReader) private readonly reader: LiveStateReader,
    @Inject(ProjectionChanges) private readonly changes: ProjectionChanges,
    @Inject(TELEPHONY_LINK) link: TelephonyLink,
    @Inject(IRIS_CONFIG) config: IrisConfig,
  ) {
    // Every reader of the supervisor state (the feed, REST, /metrics) sees the real AMI link
    // and the configured pickup-rate target, not the store's placeholders.
    reader.setSupervisorContextProvider(() => ({ telephony: link.view(), pickupRateTarget: config.pickupRateTarget }));
  }

  supervisorState(now: number): Promise<SupervisorState> {
    return this.reader.supervisorState(now);
  }

  queueState(queue: string, now: number): Promise<QueueView | null> {
    return this.reader.queueState(queue, now);
  }

  agentPanelState(agentId: string, now: number): Promise<AgentPanelState | null> {
    return this.reader.agentPanelState(agentId, now);
  }

  subscribe(listener: (change: LiveChange) => void): () => void {
    return this.changes.subscribe(listener);
  }
}
