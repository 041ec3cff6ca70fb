import type { AgentMode } from '../agents/agent-mode.js';
import { agentsNeeded } from './erlang-c.js';

/**
 * Staffing advice: how many agents the phones and the desk need now, and whom to move.
 * Pure: the server gathers the situation (last 15 minutes of calls, the desk queue, who is
 * where, the plan, time on the phone today) and passes the clock in `now`.
 *
 * Both sides are sized with Erlang C (the desk is a queue too: visitors arrive at random and
 * are served one at a time per counter), so moving someone off the desk is only advised
 * when the desk keeps enough people for its own target: we never just move the problem.
 */
export interface PhoneLoad {
  /** Calls that joined a queue in the last 15 minutes. */
  readonly arrivalsLast15Minutes: number;
  /** Mean talk (+ wrap-up) time of those calls; null when none ended yet. */
  readonly meanHandleSeconds: number | null;
  /** Callers waiting right now. */
  readonly waitingNow: number;
}

export interface DeskLoad {
  readonly arrivalsLast15Minutes: number;
  readonly waitingNow: number;
  /** Mean time a visitor spends at the counter; null when unknown. */
  readonly meanServiceSeconds: number | null;
}

export interface StaffingTargets {
  /** e.g. 0.8 for 80 % answered within `answerSeconds`. */
  readonly serviceLevel: number;
  readonly answerSeconds: number;
  /** Optional pickup-rate target (taux de décroché), e.g. 0.91. */
  readonly pickupRate?: number;
  /** Used when the last 15 minutes saw no completed call. */
  readonly defaultHandleSeconds: number;
  /** Desk: share of visitors called within `deskWaitSeconds`. */
  readonly deskServiceLevel: number;
  readonly deskWaitSeconds: number;
  readonly defaultDeskServiceSeconds: number;
}

export interface AgentSituation {
  readonly agentId: string;
  readonly name: string;
  readonly mode: AgentMode;
  /** epoch ms since when in this mode. */
  readonly since: number;
  /** What the rotation plan says for now (null: nothing planned). */
  readonly plannedMode: AgentMode | null;
  /** Time on the phone since midnight Paris (fairness). */
  readonly phoneMsToday: number;
  /** On a call, or with a visitor at the counter: never moved mid-conversation. */
  readonly busy: boolean;
  /** A mode change already asked for and not confirmed yet. */
  readonly pendingMode: AgentMode | null;
}

export interface StaffingSituation {
  readonly now: number;
  readonly phone: PhoneLoad;
  readonly desk: DeskLoad;
  readonly targets: StaffingTargets;
  readonly agents: ReadonlyArray<AgentSituation>;
}

export interface StaffingMove {
  readonly agentId: string;
  readonly name: string;
  readonly from: AgentMode;
  readonly to: AgentMode;
  readonly since: number;
  /** Why this agent (French, for the wallboard). */
  readonly why: string;
}

export type StaffingStatus = 'balanced' | 'move' | 'understaffed' | 'idle';

export interface StaffingAdvice {
  readonly at: number;
  readonly status: StaffingStatus;
  readonly phoneNeeded: number;
  readonly phonePresent: number;
  readonly deskNeeded: number;
  readonly deskPresent: number;
  readonly moves: ReadonlyArray<StaffingMove>;
  /** The sentence the wallboard shows, in French. */
  readonly message: string;
}

/** Modes an agent may be taken from to cover the phones or the desk (never break or offline). */
const MOVABLE_FROM: ReadonlyArray<AgentMode> = ['desk', 'mail', 'phone'];

export function staffingAdvice(situation: StaffingSituation): StaffingAdvice {
  const { now, targets } = situation;
  const effectiveMode = (agent: AgentSituation): AgentMode => agent.pendingMode ?? agent.mode;
  const phonePresent = situation.agents.filter((a) => effectiveMode(a) === 'phone').length;
  const deskPresent = situation.agents.filter((a) => effectiveMode(a) === 'desk').length;
  const phoneNeeded = phoneAgentsNeeded(situation.phone, targets);
  const deskNeeded = deskAgentsNeeded(situation.desk, targets);
  const base = { at: now, phoneNeeded, phonePresent, deskNeeded, deskPresent };

  if (phoneNeeded === 0 && deskNeeded === 0) {
    return {
      ...base,
      status: 'idle',
      moves: [],
      message: 'Aucun appel ni visiteur en attente : aucun déplacement nécessaire.',
    };
  }
  const phoneGap = phoneNeeded - phonePresent;
  const deskGap = deskNeeded - deskPresent;
  if (phoneGap <= 0 && deskGap <= 0) {
    return {
      ...base,
      status: 'balanced',
      moves: [],
      message: `${phoneLine(phoneNeeded, phonePresent)} ; ${deskLine(deskNeeded, deskPresent)} : effectifs suffisants.`,
    };
  }

  // Fill the side short of people, taking only from where there is a surplus.
  const [short, to, gap, spareOnDesk, spareOnPhone] =
    phoneGap > 0
      ? (['phone', 'phone', phoneGap, Math.max(0, deskPresent - deskNeeded), 0] as const)
      : (['desk', 'desk', deskGap, 0, Math.max(0, phonePresent - phoneNeeded)] as const);
  const candidates = situation.agents
    .filter(
      (agent) => !agent.busy && agent.pendingMode === null && MOVABLE_FROM.includes(agent.mode) && agent.mode !== to,
    )
    .filter((agent) => (agent.mode === 'desk' ? spareOnDesk > 0 : agent.mode === 'phone' ? spareOnPhone > 0 : true))
    .sort(candidateOrder(to, now));
  const moves: StaffingMove[] = [];
  let deskTaken = 0;
  let phoneTaken = 0;
  for (const agent of candidates) {
    if (moves.length >= gap) break;
    if (agent.mode === 'desk' && deskTaken >= spareOnDesk) continue;
    if (agent.mode === 'phone' && phoneTaken >= spareOnPhone) continue;
    if (agent.mode === 'desk') deskTaken += 1;
    if (agent.mode === 'phone') phoneTaken += 1;
    moves.push({
      agentId: agent.agentId,
      name: agent.name,
      from: agent.mode,
      to,
      since: agent.since,
      why: whyChosen(agent, to, now),
    });
  }

  const need = short === 'phone' ? phoneLine(phoneNeeded, phonePresent) : deskLine(deskNeeded, deskPresent);
  if (moves.length === 0) {
    const other = short === 'phone' ? deskLine(deskNeeded, deskPresent) : phoneLine(phoneNeeded, phonePresent);
    return {
      ...base,
      status: 'understaffed',
      moves,
      message: `${need} ; ${other} : ${whyNobody(situation.agents, to)}.`,
    };
  }
  const who = moves
    .map((move) => `${move.name} (${MODE_PLACE_FR[move.from]} depuis ${formatDurationFr(now - move.since)})`)
    .join(', ');
  const verb = short === 'phone' ? 'déplacer' : "envoyer à l'accueil";
  const stillShort = moves.length < gap ? ` (il manquera encore ${gap - moves.length})` : '';
  return { ...base, status: 'move', moves, message: `${need} : ${verb} ${who}${stillShort}` };
}

/** Why no move is possible, in words a supervisor can act on. */
function whyNobody(agents: ReadonlyArray<AgentSituation>, to: AgentMode): string {
  const elsewhere = agents.filter((agent) => MOVABLE_FROM.includes(agent.mode) && agent.mode !== to);
  if (elsewhere.length === 0) return 'aucun agent à déplacer, les autres sont en pause ou hors ligne';
  if (elsewhere.every((agent) => agent.busy || agent.pendingMode !== null)) {
    return 'les agents qui pourraient changer de poste sont en communication ou avec un visiteur';
  }
  return "personne ne peut être déplacé sans dégrader l'autre file";
}

export function phoneAgentsNeeded(load: PhoneLoad, targets: StaffingTargets): number {
  if (load.arrivalsLast15Minutes === 0) return load.waitingNow > 0 ? 1 : 0;
  const sized = agentsNeeded({
    arrivalsPer15Minutes: load.arrivalsLast15Minutes,
    meanHandleSeconds: measuredOr(load.meanHandleSeconds, targets.defaultHandleSeconds),
    targetServiceLevel: targets.serviceLevel,
    targetAnswerSeconds: targets.answerSeconds,
    ...(targets.pickupRate === undefined ? {} : { targetPickupRate: targets.pickupRate }),
  }).agents;
  return Math.max(sized, load.waitingNow > 0 ? 1 : 0);
}

export function deskAgentsNeeded(load: DeskLoad, targets: StaffingTargets): number {
  const sized =
    load.arrivalsLast15Minutes === 0
      ? 0
      : agentsNeeded({
          arrivalsPer15Minutes: load.arrivalsLast15Minutes,
          meanHandleSeconds: measuredOr(load.meanServiceSeconds, targets.defaultDeskServiceSeconds),
          targetServiceLevel: targets.deskServiceLevel,
          targetAnswerSeconds: targets.deskWaitSeconds,
        }).agents;
  // Visitors already queued need at least one counter, one per five waiting to clear the backlog.
  const backlog = load.waitingNow === 0 ? 0 : Math.ceil(load.waitingNow / 5);
  return Math.max(sized, backlog);
}

/** A measured mean time, unless there is none or it is zero (tickets closed at once, calls of 0 s): then the default. */
function measuredOr(measured: number | null, fallback: number): number {
  return measured !== null && measured > 0 && Number.isFinite(measured) ? measured : fallback;
}

/** Planned for the target mode first, then whoever has spent least (or, for the desk, most) time on the phone today, then the longest in place. */
function candidateOrder(to: AgentMode, now: number): (a: AgentSituation, b: AgentSituation) => number {
  return (a, b) => {
    const plannedA = a.plannedMode === to ? 0 : 1;
    const plannedB = b.plannedMode === to ? 0 : 1;
    if (plannedA !== plannedB) return plannedA - plannedB;
    // Taking the back office before the desk keeps visitors served.
    const sourceA = a.mode === 'mail' ? 0 : 1;
    const sourceB = b.mode === 'mail' ? 0 : 1;
    if (sourceA !== sourceB) return sourceA - sourceB;
    const fairness = to === 'phone' ? a.phoneMsToday - b.phoneMsToday : b.phoneMsToday - a.phoneMsToday;
    if (fairness !== 0) return fairness;
    return now - b.since - (now - a.since) || a.agentId.localeCompare(b.agentId);
  };
}

function whyChosen(agent: AgentSituation, to: AgentMode, now: number): string {
  const reasons: string[] = [];
  if (agent.plannedMode === to) reasons.push(`prévu ${MODE_PLACE_FR[to]} à cette heure`);
  reasons.push(`${formatDurationFr(agent.phoneMsToday)} au téléphone aujourd'hui`);
  reasons.push(`${MODE_PLACE_FR[agent.mode]} depuis ${formatDurationFr(now - agent.since)}`);
  return reasons.join(', ');
}

const MODE_PLACE_FR: Readonly<Record<AgentMode, string>> = {
  phone: 'au téléphone',
  desk: "à l'accueil",
  mail: 'au courrier',
  break: 'en pause',
  offline: 'absent',
};

function phoneLine(needed: number, present: number): string {
  return `${agentsFr(needed)} ${needed > 1 ? 'nécessaires' : 'nécessaire'} au téléphone, ${present} ${present > 1 ? 'présents' : 'présent'}`;
}

function deskLine(needed: number, present: number): string {
  return `${agentsFr(needed)} ${needed > 1 ? 'nécessaires' : 'nécessaire'} à l'accueil, ${present} ${present > 1 ? 'présents' : 'présent'}`;
}

function agentsFr(count: number): string {
  return `${count} ${count > 1 ? 'agents' : 'agent'}`;
}

/** 6_000_000 ms -> "1 h 40"; 1_500_000 -> "25 min"; under a minute -> "moins d'une minute". */
export function formatDurationFr(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes === 0) return "moins d'une minute";
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${String(rest).padStart(2, '0')}`;
}
