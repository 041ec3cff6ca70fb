import { registerCallProjections } from '../calls/calls-projections.js';
import { DeskQueueProjection } from '../desk/desk-queue.projection.js';
import { registerIntakeProjections } from '../intake/intake-projections.js';
import { ProjectionRegistry } from '../projector/projection-registry.js';
import { RotationProjection } from '../rotation/rotation.projection.js';

/**
 * Every projection the server registers, for commands that run outside the server (rebuild,
 * project). The server registers them at module init; a feature that adds a projection
 * adds one line here too, or `iris rebuild` reports its keys as "only in the live projections".
 */
export function registerAllProjections(registry: ProjectionRegistry = new ProjectionRegistry()): ProjectionRegistry {
  registerCallProjections(registry);
  registry.ensureRegistered(new DeskQueueProjection());
  registry.ensureRegistered(new RotationProjection());
  registerIntakeProjections(registry);
  return registry;
}
