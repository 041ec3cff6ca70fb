import { Inject, Injectable } from '@nestjs/common';
import type { AgentPanelState, QueueView, SupervisorState } from '@iris/shared';
import { LiveStateReader } from '../calls/live-state.reader.js';
import { ProjectionChanges } from '../projector/projection-changes.service.js';
import type { LiveChange, LiveStateSource } from './live-state.source.js';

/** The live feed's source in the app: the store's projections and its cross-replica change announcements. */
@Injectable()
export class StoreLiveStateSource implements LiveStateSource {
  constructor(
    @Inject(LiveStateReader) private readonly reader: LiveStateReader,
    @Inject(ProjectionChanges) private readonly changes: ProjectionChanges,
  ) {}

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
