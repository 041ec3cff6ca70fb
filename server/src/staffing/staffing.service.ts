import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import {
  IrisError,
  staffingAdvice,
  type AgentSituation,
  type KpiCounters,
  type StaffingAdvice,
  type StaffingMove,
  type StaffingSituation,
  type SupervisorState,
} from '@iris/shared';
import { KpiQueryService } from '../calls/kpi-query.service.js';
import { DeskService } from '../desk/desk.service.js';
import { Clock } from '../health/clock.js';
import { LiveStateService } from '../live/live-state.service.js';
import { RotationService } from '../rotation/rotation.service.js';
import { MODE_SWITCHER, STAFFING_OPTIONS, type ModeSwitcher, type StaffingOptions } from './staffing-options.js';
import { StaffingSettingsRepository, type AutomaticSetting } from './staffing-settings.repository.js';

const FIFTEEN_MINUTES = 15 * 60_000;

export interface MoveOutcome {
  readonly move: StaffingMove;
  readonly ok: boolean;
  readonly error?: { readonly code: string; readonly message: string };
}

export interface ApplyResult {
  readonly advice: StaffingAdvice;
  readonly outcomes: ReadonlyArray<MoveOutcome>;
}

/**
 * Staffing advice from live data: the last 15 minutes of calls (front-office KPI buckets),
 * the callers waiting and who is where (live state), the desk queue, the plan and each
 * agent's phone time today; the maths is shared's `staffingAdvice`. Applying it asks the
 * agents feature to switch modes (Asterisk confirms each). The automatic switch is off
 * unless a supervisor turns it on.
 */
@Injectable()
export class StaffingService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(StaffingService.name);
  private timer: NodeJS.Timeout | null = null;
  private round: Promise<unknown> | null = null;

  constructor(
    @Inject(KpiQueryService) private readonly kpis: KpiQueryService,
    @Inject(LiveStateService) private readonly live: LiveStateService,
    @Inject(DeskService) private readonly desk: DeskService,
    @Inject(RotationService) private readonly rotation: RotationService,
    @Inject(StaffingSettingsRepository) private readonly settings: StaffingSettingsRepository,
    @Inject(MODE_SWITCHER) private readonly modes: ModeSwitcher,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(STAFFING_OPTIONS) private readonly options: StaffingOptions,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.round ??= this.automaticRound()
        .catch((error) => this.logger.warn(`automatic staffing round failed: ${String(error)}`))
        .finally(() => (this.round = null));
    }, this.options.autoCheckSeconds * 1000);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.round;
  }

  async situation(): Promise<StaffingSituation> {
    const now = this.clock.now();
    const [counters, state, deskFigures, deskTickets, planned, phoneToday] = await Promise.all([
      this.kpis.counters({ from: now - FIFTEEN_MINUTES, to: now }),
      this.live.supervisorState(now),
      this.desk.figures(),
      this.desk.ticketsToday(),
      this.rotation.plannedModesNow(),
      this.rotation.phoneTimeToday(),
    ]);
    const withVisitor = new Set(
      deskTickets.filter((ticket) => ticket.status === 'called').map((ticket) => ticket.agentId),
    );
    return {
      now,
      phone: {
        arrivalsLast15Minutes: callsSettled(counters),
        meanHandleSeconds: counters.completed > 0 ? counters.talkSeconds / counters.completed : null,
        waitingNow: callersWaiting(state),
      },
      desk: {
        arrivalsLast15Minutes: deskFigures.takenLast15Minutes,
        waitingNow: deskFigures.waiting,
        meanServiceSeconds: deskFigures.meanServiceSeconds,
      },
      targets: this.options.targets,
      agents: Object.values(state.agents).map((agent): AgentSituation => ({
        agentId: agent.agentId,
        name: agent.name,
        mode: agent.mode,
        since: agent.since,
        plannedMode: planned.get(agent.agentId) ?? null,
        phoneMsToday: phoneToday.get(agent.agentId) ?? 0,
        busy: agent.currentCall !== null || withVisitor.has(agent.agentId),
        pendingMode: agent.pendingMode,
      })),
    };
  }

  async advice(): Promise<StaffingAdvice> {
    return staffingAdvice(await this.situation());
  }

  /**
   * Applies the advice as it stands now. `expected` (the moves the supervisor saw) guards
   * against a stale screen: only moves still advised are made.
   */
  async apply(requestedBy: string, expected?: ReadonlyArray<{ agentId: string; to: string }>): Promise<ApplyResult> {
    const advice = await this.advice();
    const moves = expected
      ? advice.moves.filter((move) =>
          expected.some((wanted) => wanted.agentId === move.agentId && wanted.to === move.to),
        )
      : advice.moves;
    if (advice.moves.length === 0 || moves.length === 0) {
      throw new IrisError('STAFFING_ADVICE_CONFLICT', `Plus aucun déplacement conseillé : ${advice.message}`, {
        advice,
      });
    }
    return { advice, outcomes: await this.move(moves, requestedBy) };
  }

  automatic(): Promise<AutomaticSetting> {
    return this.settings.automatic();
  }

  setAutomatic(enabled: boolean, changedBy: string): Promise<AutomaticSetting> {
    this.logger.log(`automatic staffing ${enabled ? 'on' : 'off'} (by ${changedBy})`);
    return this.settings.setAutomatic(enabled, changedBy, this.clock.now());
  }

  /** One automatic round: when on, applies the advice, sparing agents moved automatically too recently. */
  async automaticRound(): Promise<ApplyResult | null> {
    if (!(await this.settings.automatic()).enabled) return null;
    if (!(await this.settings.claimAutomaticRound(Math.max(1000, this.options.autoCheckSeconds * 900)))) return null;
    const situation = await this.situation();
    const recent = await this.settings.lastAutomaticMoves();
    const cooldownMs = this.options.autoCooldownMinutes * 60_000;
    // Agents moved automatically a short while ago count as unavailable, so the advice picks
    // someone else rather than sending the same person back and forth.
    const advice = staffingAdvice({
      ...situation,
      agents: situation.agents.map((agent) => ({
        ...agent,
        busy: agent.busy || situation.now - (recent.get(agent.agentId) ?? -Infinity) < cooldownMs,
      })),
    });
    const now = situation.now;
    const moves = advice.moves;
    if (moves.length === 0) return null;
    const outcomes = await this.move(moves, 'iris:automatique');
    for (const outcome of outcomes) if (outcome.ok) await this.settings.recordAutomaticMove(outcome.move.agentId, now);
    return { advice, outcomes };
  }

  private async move(moves: ReadonlyArray<StaffingMove>, requestedBy: string): Promise<MoveOutcome[]> {
    return Promise.all(
      moves.map(async (move): Promise<MoveOutcome> => {
        try {
          await this.modes.requestMode(move.agentId, move.to, requestedBy);
          return { move, ok: true };
        } catch (error) {
          const code = error instanceof IrisError ? error.code : 'STAFFING_MOVE_FAILED';
          return { move, ok: false, error: { code, message: error instanceof Error ? error.message : String(error) } };
        }
      }),
    );
  }
}

/** Calls whose outcome became known in the window: the arrival rate Erlang C needs (short abandons included, they did arrive). */
function callsSettled(counters: KpiCounters): number {
  return counters.answered + counters.abandoned + counters.shortAbandoned + counters.timedOut + counters.exited;
}

/** Distinct callers waiting in any queue now (a caller in two queues counts once). */
function callersWaiting(state: SupervisorState): number {
  const ids = new Set<string>();
  for (const queue of Object.values(state.queues)) for (const caller of queue.waiting) ids.add(caller.callId);
  return ids.size;
}
