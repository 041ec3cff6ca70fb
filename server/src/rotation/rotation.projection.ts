import {
  agentIdFromInterface,
  dayBounds,
  modeFromPauseReason,
  parisDayKey,
  type AgentModeChanged,
  type DayPlan,
  type MemberPaused,
  type MemberUnpaused,
  type RotationPlanSet,
} from '@iris/shared';
import type { ProjectionKeys } from '../redis/keys.js';
import type { Projection, ProjectionState } from '../projector/projection.js';
import type { StoredEvent } from '../events/stored-event.js';

/** Mode changes are kept 100 days after their day: the fairness report looks back weeks, not years. */
const MODE_CHANGES_RETENTION_MS = 100 * 24 * 3600 * 1000;

/**
 * Two folds for the rotation:
 * - `rotation.plan_set` -> the day's plan in one hash (date -> plan); a revision older than
 *   the stored one is ignored, so replays and out-of-order duplicates change nothing;
 * - `agent.mode_changed` -> the day's mode changes (event id -> change), read back for time
 *   per mode, fairness and plan deviations;
 * - `member.paused` / `member.unpaused` -> the same, read from Asterisk: a pause made outside
 *   IRIS (from a phone, another tool) counts too (`iris:<mode>` gives the mode, any other
 *   reason is a break, unpaused is the phone). For IRIS's own switches they agree with the
 *   mode change, a few milliseconds earlier, so nothing is counted twice: time is measured
 *   between changes, not per change.
 */
export class RotationProjection implements Projection {
  readonly name = 'rotation';
  readonly eventTypes = ['rotation.plan_set', 'agent.mode_changed', 'member.paused', 'member.unpaused'] as const;

  readsFor(event: StoredEvent['event'], keys: ProjectionKeys): ReadonlyArray<string> {
    return event.type === 'rotation.plan_set' ? [keys.rotationPlans()] : [];
  }

  apply(event: StoredEvent['event'], state: ProjectionState): void {
    if (event.type === 'rotation.plan_set') this.applyPlan(event as RotationPlanSet, state);
    else if (event.type === 'agent.mode_changed') this.applyModeChange(event as AgentModeChanged, state);
    else if (event.type === 'member.paused' || event.type === 'member.unpaused')
      this.applyModeChange(modeChangeFromMember(event as MemberPaused | MemberUnpaused), state);
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

/** What a pause seen on Asterisk says about the agent's mode. */
export function modeChangeFromMember(event: MemberPaused | MemberUnpaused): AgentModeChanged {
  const mode = event.type === 'member.unpaused' ? 'phone' : (modeFromPauseReason(event.data.reason) ?? 'break');
  return {
    id: `member:${event.id}`,
    type: 'agent.mode_changed',
    v: 1,
    at: event.at,
    source: event.source,
    data: {
      agentId: agentIdFromInterface(event.data.agent.interface),
      mode,
      previousMode: null,
      requestedBy: 'asterisk',
    },
  };
}
