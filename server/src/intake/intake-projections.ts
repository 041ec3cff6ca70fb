import type { ProjectionRegistry } from '../projector/projection-registry.js';
import { CitizensProjection } from '../citizens/citizens.projection.js';
import { RequestsProjection } from './requests.projection.js';

/** The projections of intake: citizen records first, so a request's citizen exists when its request lands. */
export function registerIntakeProjections(registry: ProjectionRegistry): void {
  registry.ensureRegistered(new CitizensProjection());
  registry.ensureRegistered(new RequestsProjection());
}
