import {
  dayBounds,
  MODE_EVIDENCE_TYPES,
  modeEvidence,
  parisDayKey,
  type AgentModeChanged,
  type DayPlan,
  type ModeEvidenceEvent,
  type RotationPlanSet,
} from '@iris/shared';
import type { ProjectionKeys } from '../redis/keys.js';
import type { Projection, ProjectionState } from '../projector/projection.js';
import type { StoredEvent } from '../events/stored-event.js';

/** Mode changes are kept 100 days after their day: the fairness report looks back weeks, not years. */
const MODE_CHANGES_RETENTION_MS = 100 * 24 * 3600 * 1000;

/**
 * Folds for the rotation:
 * - `rotation.plan_set` -> the day's plan in one hash (date -> plan); a revision older than
 *   the stored one is ignored, so replays and out-of-order duplicates change nothing;
 * - `agent.mode_changed` -> the day's mode changes (event id -> change), read back for time
 *   per mode, fairness and plan deviations;
 * - what Asterisk reports (pauses made outside IRIS, members added, queue snapshots) -> the
 *   same, through shared's `modeEvidence`, so outside changes count in time per mode too.
 */
export class RotationProjection implements Projection {
  readonly name = 'rotation';
  readonly eventTypes = ['rotation.plan_set', 'agent.mode_changed', ...MODE_EVIDENCE_TYPES];

  readsFor(event: StoredEvent['event'], keys: ProjectionKeys): ReadonlyArray<string> {
    return event.type === 'rotation.plan_set' ? [keys.rotationPlans()] : [];
  }

  apply(event: StoredEvent['event'], state: ProjectionState): void {
    if (event.type === 'rotation.plan_set') this.applyPlan(event as RotationPlanSet, state);
    else if (event.type === 'agent.mode_changed') this.applyModeChange(event as AgentModeChanged, state);
    else if ((MODE_EVIDENCE_TYPES as readonly string[]).includes(event.type)) {
      for (const change of modeEvidence(event as ModeEvidenceEvent)) this.applyModeChange(change, state);
    }
  }

  private applyPlan(event: RotationPlanSet, state: ProjectionState): void {
    const key = state.keys.rotationPlans();
    const stored = state.hget(key, event.data.date);
    const current = stored === undefined ? null : (JSON.parse(stored) as DayPlan);
    if (current && current.revision >= event.data.revision) return;
    const plan: DayPlan = { date: event.data.date, revision: event.data.revision, slots: event.data.slots };
    state.hset(key, event.data.date, JSON.stringify(plan));
  }

  private applyModeChange(event: AgentModeChanged, state: ProjectionState): void {
    const day = parisDayKey(event.at);
    const key = state.keys.agentModeChanges(day);
    state.hset(key, event.id, JSON.stringify(event));
    state.expireAt(key, dayBounds(day).to + MODE_CHANGES_RETENTION_MS);
  }
}
