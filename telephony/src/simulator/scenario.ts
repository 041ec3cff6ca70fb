/**
 * The simulated front office: queues, agents and a city hall's day of calls. Figures are
 * plausible for Issy's one-stop desk (two queues, about eight agents), not measured.
 */

export interface SimQueueConfig {
  readonly name: string;
  /** Asterisk `servicelevel` (seconds). */
  readonly serviceLevelSeconds: number;
  /** Queue() timeout of the dialplan: the caller leaves with EXITWITHTIMEOUT after this wait. */
  readonly maxWaitSeconds: number;
  /** How long app_queue rings one member before AgentRingNoAnswer (queues.conf `timeout`). */
  readonly ringTimeoutSeconds: number;
  /** queues.conf `wrapuptime`. */
  readonly wrapUpSeconds: number;
  /** Share of the front office's calls that arrive in this queue. */
  readonly share: number;
}

export interface SimAgentConfig {
  /** Extension, e.g. 1001: member `Local/1001@agents/n`, state interface `Custom:agent1001`. */
  readonly extension: string;
  readonly queues: readonly string[];
  /** Median ring delay before the agent picks up (seconds). */
  readonly ringDelaySeconds: number;
  /** Probability that the agent lets an offer ring out (AgentRingNoAnswer). */
  readonly noAnswerRate: number;
}

export interface ScenarioConfig {
  readonly queues: readonly SimQueueConfig[];
  readonly agents: readonly SimAgentConfig[];
  /**
   * Calls per hour for the whole front office, by local hour of the day (index 0..23).
   * A city hall: closed at night, a morning peak around 10 h, a lunch dip, an early-afternoon peak.
   */
  readonly arrivalsPerHour: readonly number[];
  /** Median talk time (seconds) of a conversation. */
  readonly talkSeconds: number;
  /** Share of conversations the caller ends (the agent ends the others). */
  readonly callerHangsUpShare: number;
  /** Mean time between two breaks of one agent (seconds of open hours), and a break's median length. */
  readonly meanSecondsBetweenBreaks: number;
  readonly breakSeconds: number;
}

const CITY_HALL_DAY: readonly number[] = [
  0,
  0,
  0,
  0,
  0,
  0,
  0,
  0, // night
  60, // 08 h: opening at 8:30
  125,
  150,
  130, // 09-11 h: morning peak
  70,
  80, // 12-13 h: lunch dip
  140,
  120,
  85, // 14-16 h: early-afternoon peak
  40, // 17 h: closing at 17:30
  0,
  0,
  0,
  0,
  0,
  0,
];

export interface ScenarioOptions {
  readonly queues?: readonly string[];
  readonly agents?: number;
}

/** The default scenario: `accueil` and `etat-civil`, eight agents, two of them in both queues. */
export function defaultScenario(options: ScenarioOptions = {}): ScenarioConfig {
  const queueNames = options.queues && options.queues.length > 0 ? options.queues : ['accueil', 'etat-civil'];
  const agentCount = options.agents ?? 8;
  if (!Number.isInteger(agentCount) || agentCount < 1 || agentCount > 99) {
    throw new RangeError(`agents must be an integer from 1 to 99, got ${String(options.agents)}`);
  }
  const first = queueNames[0] as string;
  const others = queueNames.slice(1);
  const queues = queueNames.map((name, index) => ({
    name,
    serviceLevelSeconds: index === 0 ? 20 : 30,
    maxWaitSeconds: 150,
    ringTimeoutSeconds: 15,
    wrapUpSeconds: 5,
    // The general desk takes most calls; specialised queues share the rest.
    share: others.length === 0 ? 1 : index === 0 ? 0.65 : 0.35 / others.length,
  }));
  const agents: SimAgentConfig[] = [];
  for (let i = 0; i < agentCount; i++) {
    const extension = String(1001 + i);
    // The first three quarters answer the general queue, the last half the specialised
    // ones: the middle agents are in both, as in the captures (1001 in two queues).
    const inFirst = others.length === 0 || i < Math.ceil(agentCount * 0.75);
    const inOthers = others.length > 0 && i >= Math.floor(agentCount * 0.5);
    const memberOf = [...(inFirst ? [first] : []), ...(inOthers ? others : [])];
    agents.push({
      extension,
      queues: memberOf.length > 0 ? memberOf : [first],
      ringDelaySeconds: 2 + (i % 4),
      noAnswerRate: [0.03, 0.05, 0.08, 0.1][i % 4] as number,
    });
  }
  return {
    queues,
    agents,
    arrivalsPerHour: CITY_HALL_DAY,
    talkSeconds: 130,
    callerHangsUpShare: 0.4,
    meanSecondsBetweenBreaks: 75 * 60,
    breakSeconds: 8 * 60,
  };
}

/** Opening hours implied by the arrival profile: first and last hour with calls. */
export function openHours(config: ScenarioConfig): { readonly open: number; readonly close: number } {
  const open = config.arrivalsPerHour.findIndex((rate) => rate > 0);
  let close = 24;
  while (close > 0 && (config.arrivalsPerHour[close - 1] ?? 0) === 0) close--;
  if (open < 0) throw new Error('the arrival profile has no open hour');
  return { open, close };
}
