import type { EventEnvelope } from '../events/domain-event.js';
import type { PlanSlot } from './rotation-plan.js';

/**
 * The supervisor set one day's plan (the whole day is replaced). `revision` is the day's
 * previous revision + 1, so the id `rotation:plan:<date>:<revision>` is deterministic and two
 * supervisors saving at once cannot both win: ingest keeps the first, the second is told.
 */
export type RotationPlanSet = EventEnvelope<
  'rotation.plan_set',
  {
    readonly date: string;
    readonly revision: number;
    readonly slots: ReadonlyArray<PlanSlot>;
    readonly setBy: string;
  }
>;

export type RotationEvent = RotationPlanSet;

export function rotationPlanEventId(date: string, revision: number): string {
  return `rotation:plan:${date}:${revision}`;
}
