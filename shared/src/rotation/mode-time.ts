import { AGENT_MODES, type AgentMode } from '../agents/agent-mode.js';
import type { AgentModeChanged } from '../events/agent-events.js';
import { parisWallClockToEpoch } from '../kpi/paris-time.js';
import { slotInterval, weekDates, type PlanSlot } from './rotation-plan.js';

/** Milliseconds spent in each mode. */
export type ModeDurations = Record<AgentMode, number>;

export function emptyDurations(): ModeDurations {
  return Object.fromEntries(AGENT_MODES.map((mode) => [mode, 0])) as ModeDurations;
}

/** A stretch of time one agent spent in one mode. */
export interface ModeInterval {
  readonly agentId: string;
  readonly mode: AgentMode;
  readonly from: number;
  readonly to: number;
}

/**
 * Turns mode changes (any order, duplicates allowed) into intervals clipped to [from, to).
 * The mode in force at `from` is the last change before it; before an agent's first known
 * change nothing is counted (we do not guess).
 */
export function modeIntervals(changes: ReadonlyArray<AgentModeChanged>, from: number, to: number): ModeInterval[] {
  const byAgent = new Map<string, AgentModeChanged[]>();
  const seen = new Set<string>();
  for (const change of changes) {
    if (seen.has(change.id)) continue;
    seen.add(change.id);
    byAgent.set(change.data.agentId, [...(byAgent.get(change.data.agentId) ?? []), change]);
  }
  const intervals: ModeInterval[] = [];
  for (const [agentId, list] of byAgent) {
    const sorted = [...list].sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
    sorted.forEach((change, index) => {
      const start = Math.max(change.at, from);
      const end = Math.min(sorted[index + 1]?.at ?? to, to);
      if (end > start) intervals.push({ agentId, mode: change.data.mode, from: start, to: end });
    });
  }
  return intervals;
}

export interface AgentFairness {
  readonly agentId: string;
  /** Paris day -> time per mode (ms). */
  readonly days: Readonly<Record<string, ModeDurations>>;
  readonly week: ModeDurations;
}

/**
 * Each agent's time per mode for every day of the ISO week holding `date`, and the week's
 * total, up to `now` (time not yet lived is not counted).
 */
export function fairnessReport(changes: ReadonlyArray<AgentModeChanged>, date: string, now: number): AgentFairness[] {
  const dates = weekDates(date);
  const perAgent = new Map<string, { days: Record<string, ModeDurations>; week: ModeDurations }>();
  for (const day of dates) {
    const { from, to } = dayBounds(day);
    for (const interval of modeIntervals(changes, from, Math.min(to, now))) {
      const entry = perAgent.get(interval.agentId) ?? {
        days: Object.fromEntries(dates.map((d) => [d, emptyDurations()])),
        week: emptyDurations(),
      };
      const spent = interval.to - interval.from;
      entry.days[day]![interval.mode] += spent;
      entry.week[interval.mode] += spent;
      perAgent.set(interval.agentId, entry);
    }
  }
  return [...perAgent.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([agentId, entry]) => ({ agentId, days: entry.days, week: entry.week }));
}

/** Time per mode for one agent between two instants (e.g. today so far, for the advice). */
export function timeInModes(
  changes: ReadonlyArray<AgentModeChanged>,
  agentId: string,
  from: number,
  to: number,
): ModeDurations {
  const totals = emptyDurations();
  for (const interval of modeIntervals(
    changes.filter((change) => change.data.agentId === agentId),
    from,
    to,
  )) {
    totals[interval.mode] += interval.to - interval.from;
  }
  return totals;
}

export function dayBounds(date: string): { from: number; to: number } {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y, m - 1, d + 1));
  return {
    from: parisWallClockToEpoch(y, m, d),
    to: parisWallClockToEpoch(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate()),
  };
}

/** One stretch where what happened differs from the plan. */
export interface PlanDeviation {
  readonly agentId: string;
  readonly from: number;
  readonly to: number;
  readonly planned: AgentMode;
  /** null when the agent's mode is unknown then (no change seen yet). */
  readonly actual: AgentMode | null;
}

/** Where each planned slot was not followed, up to `now`. */
export function planDeviations(
  slots: ReadonlyArray<PlanSlot>,
  changes: ReadonlyArray<AgentModeChanged>,
  now: number,
): PlanDeviation[] {
  const deviations: PlanDeviation[] = [];
  for (const slot of slots) {
    const { from, to } = slotInterval(slot);
    const end = Math.min(to, now);
    if (end <= from) continue;
    const actual = modeIntervals(
      changes.filter((change) => change.data.agentId === slot.agentId),
      from,
      end,
    );
    let cursor = from;
    for (const interval of actual) {
      if (interval.from > cursor)
        deviations.push({ agentId: slot.agentId, from: cursor, to: interval.from, planned: slot.mode, actual: null });
      if (interval.mode !== slot.mode) {
        deviations.push({
          agentId: slot.agentId,
          from: interval.from,
          to: interval.to,
          planned: slot.mode,
          actual: interval.mode,
        });
      }
      cursor = interval.to;
    }
    if (cursor < end)
      deviations.push({ agentId: slot.agentId, from: cursor, to: end, planned: slot.mode, actual: null });
  }
  return mergeAdjacent(deviations.sort((a, b) => a.agentId.localeCompare(b.agentId) || a.from - b.from));
}

function mergeAdjacent(deviations: PlanDeviation[]): PlanDeviation[] {
  const merged: PlanDeviation[] = [];
  for (const deviation of deviations) {
    const last = merged[merged.length - 1];
    if (
      last &&
      last.agentId === deviation.agentId &&
      last.to === deviation.from &&
      last.planned === deviation.planned &&
      last.actual === deviation.actual
    ) {
      merged[merged.length - 1] = { ...last, to: deviation.to };
    } else merged.push(deviation);
  }
  return merged;
}
