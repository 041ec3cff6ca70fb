import type { ProjectionRegistry } from '../projector/projection-registry.js';
import { AgentStateProjection } from './agent-state.projection.js';
import { KpiProjection } from './kpi.projection.js';
import { QueueStateProjection } from './queue-state.projection.js';

/** The call-centre projections, in the order they must run (agents read what queues wrote). */
export function registerCallProjections(registry: ProjectionRegistry): void {
  registry.ensureRegistered(new QueueStateProjection());
  registry.ensureRegistered(new AgentStateProjection());
  registry.ensureRegistered(new KpiProjection());
}
