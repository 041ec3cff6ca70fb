import type { ProjectionRegistry } from '../projector/projection-registry.js';
import { AgentStateProjection } from './agent-state.projection.js';
import { KpiProjection } from './kpi.projection.js';
import { QueueStateProjection } from './queue-state.projection.js';
import { RecentCallsProjection } from './recent-calls.projection.js';

/**
 * The call-centre projections, in the order they must run (agents read what queues wrote;
 * recent calls read the waiting caller before queues remove it).
 */
export function registerCallProjections(registry: ProjectionRegistry): void {
  registry.ensureRegistered(new RecentCallsProjection());
  registry.ensureRegistered(new QueueStateProjection());
  registry.ensureRegistered(new AgentStateProjection());
  registry.ensureRegistered(new KpiProjection());
}
