import type { AgentPanelState, QueueView, SupervisorState } from '@iris/shared';

/** What a batch of projected events changed (announced across replicas by the store). */
export interface LiveChange {
  readonly queues: ReadonlyArray<string>;
  readonly agents: ReadonlyArray<string>;
  readonly kpis: boolean;
  readonly requests?: boolean;
  readonly desk?: boolean;
}

/**
 * Where the live feed reads room states and hears about changes. In the app it is the
 * store's LiveStateReader + ProjectionChanges (see store-live-state.source.ts); tests can
 * drive any implementation.
 */
export interface LiveStateSource {
  supervisorState(now: number): Promise<SupervisorState>;
  /** null when the queue is unknown. */
  queueState(queue: string, now: number): Promise<QueueView | null>;
  /** null when the agent is unknown. */
  agentPanelState(agentId: string, now: number): Promise<AgentPanelState | null>;
  /** Listens to changes from every replica; returns the unsubscribe function. */
  subscribe(listener: (change: LiveChange) => void): () => void;
}

export const LIVE_STATE_SOURCE = Symbol('IRIS_LIVE_STATE_SOURCE');
