import { AGENT_MODES, type AgentMode } from '../agents/agent-mode.js';
import { parisParts, parisWallClockToEpoch } from '../kpi/paris-time.js';

/**
 * The rotation plan: for each agent and Paris day, the planned mode per time slot.
 * Times are Paris wall-clock `HH:MM`; a slot covers [start, end).
 */
export interface PlanSlot {
  readonly agentId: string;
  /** Paris calendar day, YYYY-MM-DD. */
  readonly date: string;
  readonly start: string;
  readonly end: string;
  readonly mode: AgentMode;
}

/** One day's plan as stored: replaced as a whole, with a revision for optimistic concurrency. */
export interface DayPlan {
  readonly date: string;
  readonly revision: number;
  readonly slots: ReadonlyArray<PlanSlot>;
}

export const DEFAULT_SLOT_MINUTES = 30;

export function isPlanDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** `HH:MM` -> minutes since midnight; `24:00` is allowed as the end of the day. */
export function minutesOfDay(time: string): number | null {
  const match = /^(\d{2}):(\d{2})$/.exec(time);
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes !== 0)) return null;
  return hours * 60 + minutes;
}

export function formatMinutesOfDay(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Every problem of a list of slots (empty when valid): bad fields, and overlaps per agent and day. */
export function validatePlanSlots(slots: ReadonlyArray<PlanSlot>): string[] {
  const problems: string[] = [];
  slots.forEach((slot, index) => {
    const where = `slot ${index + 1} (${slot.agentId || '?'} ${slot.date} ${slot.start}-${slot.end})`;
    if (!/^[A-Za-z0-9._@-]{1,64}$/.test(slot.agentId))
      problems.push(`${where}: agent id must be 1-64 letters, digits or . _ @ -`);
    if (!isPlanDate(slot.date)) problems.push(`${where}: date must be a real day YYYY-MM-DD`);
    const start = minutesOfDay(slot.start);
    const end = minutesOfDay(slot.end);
    if (start === null) problems.push(`${where}: start must be HH:MM`);
    if (end === null) problems.push(`${where}: end must be HH:MM`);
    if (start !== null && end !== null && end <= start) problems.push(`${where}: end must be after start`);
    if (!(AGENT_MODES as readonly string[]).includes(slot.mode))
      problems.push(`${where}: mode must be one of ${AGENT_MODES.join(', ')}`);
  });
  const byAgentDay = new Map<string, PlanSlot[]>();
  for (const slot of slots) {
    const key = `${slot.agentId} ${slot.date}`;
    byAgentDay.set(key, [...(byAgentDay.get(key) ?? []), slot]);
  }
  for (const [key, list] of byAgentDay) {
    const sorted = list
      .map((slot) => ({ slot, start: minutesOfDay(slot.start), end: minutesOfDay(slot.end) }))
      .filter((s): s is { slot: PlanSlot; start: number; end: number } => s.start !== null && s.end !== null)
      .sort((a, b) => a.start - b.start);
    for (let i = 1; i < sorted.length; i += 1) {
      if (sorted[i]!.start < sorted[i - 1]!.end) {
        problems.push(
          `${key}: slots ${sorted[i - 1]!.slot.start}-${sorted[i - 1]!.slot.end} and ${sorted[i]!.slot.start}-${sorted[i]!.slot.end} overlap`,
        );
      }
    }
  }
  return problems;
}

/** Slots in a stable order: date, agent, start. */
export function sortPlanSlots(slots: ReadonlyArray<PlanSlot>): PlanSlot[] {
  return [...slots].sort(
    (a, b) =>
      a.date.localeCompare(b.date) ||
      a.agentId.localeCompare(b.agentId) ||
      (minutesOfDay(a.start) ?? 0) - (minutesOfDay(b.start) ?? 0),
  );
}

/** The Paris day and minute of an instant, for looking a slot up. */
export function parisDayAndMinute(epochMs: number): { date: string; minute: number } {
  const p = parisParts(epochMs);
  return {
    date: `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`,
    minute: p.hour * 60 + p.minute,
  };
}

/** The agent's planned mode at an instant, or null when the plan says nothing then. */
export function plannedModeAt(slots: ReadonlyArray<PlanSlot>, agentId: string, epochMs: number): AgentMode | null {
  const { date, minute } = parisDayAndMinute(epochMs);
  for (const slot of slots) {
    if (slot.agentId !== agentId || slot.date !== date) continue;
    const start = minutesOfDay(slot.start);
    const end = minutesOfDay(slot.end);
    if (start !== null && end !== null && minute >= start && minute < end) return slot.mode;
  }
  return null;
}

/** A slot as an epoch interval (Paris wall clock, so DST days are 23 or 25 hours long). */
export function slotInterval(slot: PlanSlot): { from: number; to: number } {
  const [y, m, d] = slot.date.split('-').map(Number) as [number, number, number];
  const start = minutesOfDay(slot.start)!;
  const end = minutesOfDay(slot.end)!;
  const from = parisWallClockToEpoch(y, m, d, Math.floor(start / 60), start % 60);
  const to =
    end === 24 * 60
      ? parisWallClockToEpoch(...nextDay(y, m, d), 0, 0)
      : parisWallClockToEpoch(y, m, d, Math.floor(end / 60), end % 60);
  return { from, to };
}

function nextDay(y: number, m: number, d: number): [number, number, number] {
  const next = new Date(Date.UTC(y, m - 1, d + 1));
  return [next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate()];
}

/** The seven dates of the ISO week (Monday first) holding `date`. */
export function weekDates(date: string): string[] {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d));
  const mondayOffset = (day.getUTCDay() + 6) % 7;
  return Array.from({ length: 7 }, (_, i) => {
    const current = new Date(Date.UTC(y, m - 1, d - mondayOffset + i));
    return current.toISOString().slice(0, 10);
  });
}
