import { Inject, Injectable } from '@nestjs/common';
import {
  fairnessReport,
  IrisError,
  isPlanDate,
  parisDayKey,
  planDeviations,
  plannedModeAt,
  planFromCsv,
  planToCsv,
  rotationPlanEventId,
  sortPlanSlots,
  validatePlanSlots,
  weekDates,
  type AgentFairness,
  type AgentMode,
  type AgentModeChanged,
  type DayPlan,
  type PlanDeviation,
  type PlanSlot,
} from '@iris/shared';
import { IngestService } from '../events/ingest.service.js';
import { Clock } from '../health/clock.js';
import { RotationRepository } from './rotation.repository.js';

/** How far back mode changes are read to know the mode in force at the start of a period. */
const LOOKBACK_DAYS = 7;
/** Longest period one request may read or write (a month and a bit). */
const MAX_DAYS = 42;

export interface PlanImportResult {
  readonly dates: ReadonlyArray<string>;
  readonly slots: number;
  /** The day plans as written (screens show them at once, without waiting for the projection). */
  readonly plans: ReadonlyArray<DayPlan>;
}

/** One agent's planned and actual mode now, for the wallboard. */
export interface PlannedVsActual {
  readonly agentId: string;
  readonly planned: AgentMode | null;
  readonly actual: AgentMode | null;
  readonly deviates: boolean;
}

/**
 * The rotation plan and what happened: day plans set as events (whole day replaced, with a
 * revision so two supervisors saving at once cannot silently overwrite each other), CSV
 * import/export, deviations from the plan and the fairness report.
 */
@Injectable()
export class RotationService {
  constructor(
    @Inject(IngestService) private readonly ingest: IngestService,
    @Inject(RotationRepository) private readonly repository: RotationRepository,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async plans(from: string, to: string): Promise<DayPlan[]> {
    return this.repository.plans(datesBetween(from, to));
  }

  /**
   * Replaces one day's plan. `expectedRevision` is the revision the editor started from:
   * if someone saved in between, ROTATION_PLAN_CONFLICT tells the supervisor to reload.
   */
  async setDayPlan(
    date: string,
    slots: ReadonlyArray<PlanSlot>,
    expectedRevision: number | undefined,
    setBy: string,
  ): Promise<DayPlan> {
    if (!isPlanDate(date)) throw new IrisError('ROTATION_PLAN_INVALID', `date « ${date} » invalide (AAAA-MM-JJ)`);
    const problems = validatePlanSlots(slots);
    for (const slot of slots)
      if (slot.date !== date) problems.push(`slot ${slot.agentId} ${slot.start}: date ${slot.date} is not ${date}`);
    if (problems.length > 0)
      throw new IrisError('ROTATION_PLAN_INVALID', `planning du ${date} invalide : ${problems.join(' ; ')}`, {
        problems,
      });
    const [current] = await this.repository.plans([date]);
    if (expectedRevision !== undefined && expectedRevision !== current!.revision) {
      throw conflict(date);
    }
    return this.write(date, current!.revision + 1, sortPlanSlots(slots), setBy);
  }

  /**
   * Imports a CSV: for every (agent, day) in the file, that agent's slots of that day are
   * replaced; other agents' slots stay. A file with any bad line imports nothing.
   */
  async importCsv(text: string, setBy: string): Promise<PlanImportResult> {
    const parsed = planFromCsv(text);
    if (parsed.errors.length > 0) {
      throw new IrisError(
        'ROTATION_CSV_INVALID',
        `fichier refusé, rien n'a été importé : ${parsed.errors.slice(0, 5).join(' ; ')}${parsed.errors.length > 5 ? ` (et ${parsed.errors.length - 5} autres)` : ''}`,
        {
          errors: parsed.errors,
        },
      );
    }
    if (parsed.slots.length === 0)
      throw new IrisError('ROTATION_CSV_INVALID', "le fichier ne contient aucun créneau : rien n'a été importé");
    const dates = [...new Set(parsed.slots.map((slot) => slot.date))].sort();
    if (dates.length > MAX_DAYS)
      throw new IrisError('ROTATION_CSV_INVALID', `au plus ${MAX_DAYS} jours par fichier, ${dates.length} trouvés`);
    const current = await this.repository.plans(dates);
    const plans: DayPlan[] = [];
    for (const plan of current) {
      const imported = parsed.slots.filter((slot) => slot.date === plan.date);
      const agents = new Set(imported.map((slot) => slot.agentId));
      const kept = plan.slots.filter((slot) => !agents.has(slot.agentId));
      plans.push(await this.write(plan.date, plan.revision + 1, sortPlanSlots([...kept, ...imported]), setBy));
    }
    return { dates, slots: parsed.slots.length, plans };
  }

  async exportCsv(from: string, to: string): Promise<string> {
    const plans = await this.plans(from, to);
    return planToCsv(plans.flatMap((plan) => plan.slots));
  }

  /** Where the plan was not followed on a day, up to now. */
  async deviations(date: string): Promise<PlanDeviation[]> {
    const [plan] = await this.plans(date, date);
    return planDeviations(plan!.slots, await this.modeChangesUpTo(date), this.clock.now());
  }

  /** Planned and actual mode of every planned or active agent right now. */
  async plannedVsActual(): Promise<PlannedVsActual[]> {
    const now = this.clock.now();
    const today = parisDayKey(now);
    const [plan] = await this.repository.plans([today]);
    const changes = await this.modeChangesUpTo(today);
    const latest = new Map<string, AgentModeChanged>();
    for (const change of changes) {
      if (change.at > now) continue;
      const known = latest.get(change.data.agentId);
      if (!known || change.at > known.at || (change.at === known.at && change.id > known.id))
        latest.set(change.data.agentId, change);
    }
    const agents = new Set([...plan!.slots.map((slot) => slot.agentId), ...latest.keys()]);
    return [...agents].sort().map((agentId) => {
      const planned = plannedModeAt(plan!.slots, agentId, now);
      const actual = latest.get(agentId)?.data.mode ?? null;
      return { agentId, planned, actual, deviates: planned !== null && planned !== actual };
    });
  }

  async fairness(date: string): Promise<AgentFairness[]> {
    if (!isPlanDate(date)) throw new IrisError('ROTATION_PLAN_INVALID', `date « ${date} » invalide (AAAA-MM-JJ)`);
    const week = weekDates(date);
    const changes = await this.repository.modeChanges([...lookback(week[0]!), ...week]);
    return fairnessReport(changes, date, this.clock.now());
  }

  /** Phone time of each agent since midnight Paris (for the staffing advice's fairness). */
  async phoneTimeToday(): Promise<Map<string, number>> {
    const now = this.clock.now();
    const today = parisDayKey(now);
    const report = fairnessReport(await this.modeChangesUpTo(today), today, now);
    return new Map(report.map((agent) => [agent.agentId, agent.days[today]?.phone ?? 0]));
  }

  /** The plan's mode for each agent now. */
  async plannedModesNow(): Promise<Map<string, AgentMode>> {
    const now = this.clock.now();
    const [plan] = await this.repository.plans([parisDayKey(now)]);
    const modes = new Map<string, AgentMode>();
    for (const slot of plan!.slots) {
      const mode = plannedModeAt([slot], slot.agentId, now);
      if (mode) modes.set(slot.agentId, mode);
    }
    return modes;
  }

  private modeChangesUpTo(date: string): Promise<AgentModeChanged[]> {
    return this.repository.modeChanges([...lookback(date), date]);
  }

  private async write(date: string, revision: number, slots: ReadonlyArray<PlanSlot>, setBy: string): Promise<DayPlan> {
    const result = await this.ingest.ingest([
      {
        id: rotationPlanEventId(date, revision),
        type: 'rotation.plan_set',
        v: 1,
        at: this.clock.now(),
        source: 'iris',
        data: { date, revision, slots, setBy },
      },
    ]);
    // Same id already in the log: another save of this revision won the race.
    if (result.appended !== 1) throw conflict(date);
    return { date, revision, slots };
  }
}

function conflict(date: string): IrisError {
  return new IrisError(
    'ROTATION_PLAN_CONFLICT',
    `le planning du ${date} a été modifié entre-temps : rechargez-le avant d'enregistrer`,
  );
}

/** The LOOKBACK_DAYS calendar days before `date`, oldest first. */
function lookback(date: string): string[] {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Array.from({ length: LOOKBACK_DAYS }, (_, i) =>
    new Date(Date.UTC(y, m - 1, d - LOOKBACK_DAYS + i)).toISOString().slice(0, 10),
  );
}

/** Every date from `from` to `to` inclusive; refuses bad or too long periods. */
export function datesBetween(from: string, to: string): string[] {
  if (!isPlanDate(from) || !isPlanDate(to))
    throw new IrisError('ROTATION_PERIOD_INVALID', `période invalide : ${from} → ${to} (AAAA-MM-JJ)`);
  const dates: string[] = [];
  const [y, m, d] = from.split('-').map(Number) as [number, number, number];
  for (let i = 0; ; i += 1) {
    const date = new Date(Date.UTC(y, m - 1, d + i)).toISOString().slice(0, 10);
    if (date > to) break;
    dates.push(date);
    if (dates.length > MAX_DAYS) throw new IrisError('ROTATION_PERIOD_INVALID', `au plus ${MAX_DAYS} jours à la fois`);
  }
  if (dates.length === 0) throw new IrisError('ROTATION_PERIOD_INVALID', `période vide : ${from} → ${to}`);
  return dates;
}
