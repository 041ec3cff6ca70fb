import { Injectable } from '@nestjs/common';
import type { Projection } from './projection.js';

/**
 * Every projection the projector runs, in registration order. Features (calls, desk,
 * intake requests) register theirs at module init, before the projector starts:
 *   constructor(registry: ProjectionRegistry) { registry.register(new DeskQueueProjection()); }
 * Events whose type no projection handles stay in the log and are skipped.
 */
@Injectable()
export class ProjectionRegistry {
  private readonly projections: Projection[] = [];
  private readonly byType = new Map<string, Projection[]>();

  register(projection: Projection): void {
    if (this.projections.some((p) => p.name === projection.name)) {
      throw new Error(`a projection named ${JSON.stringify(projection.name)} is already registered`);
    }
    this.projections.push(projection);
    for (const type of projection.eventTypes) {
      const list = this.byType.get(type) ?? [];
      list.push(projection);
      this.byType.set(type, list);
    }
  }

  /** Registers unless one with the same name is there (idempotent module init). */
  ensureRegistered(projection: Projection): void {
    if (!this.projections.some((p) => p.name === projection.name)) this.register(projection);
  }

  forType(type: string): ReadonlyArray<Projection> {
    return this.byType.get(type) ?? [];
  }

  all(): ReadonlyArray<Projection> {
    return this.projections;
  }
}
