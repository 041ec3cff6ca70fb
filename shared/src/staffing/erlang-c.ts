/**
 * Erlang C (M/M/N queue with unlimited waiting room): how likely a caller waits, how long,
 * and how many agents a target needs. Pure maths, no I/O.
 *
 * Numerical stability: the textbook formula divides A^N by N!, which overflows for a few
 * hundred agents. We use the Erlang B recurrence B(0)=1, B(n)=A·B(n-1)/(n + A·B(n-1)),
 * every term of which stays in [0, 1], then C = N·B / (N - A·(1 - B)).
 */

/** Probability that an arriving call has to wait, for `agents` servers and `trafficErlangs` offered. */
export function erlangC(agents: number, trafficErlangs: number): number {
  assertAgents(agents);
  assertTraffic(trafficErlangs);
  if (trafficErlangs === 0) return 0;
  // An overloaded queue (A >= N) grows without bound: every caller waits.
  if (trafficErlangs >= agents) return 1;
  const blocking = erlangB(agents, trafficErlangs);
  return (agents * blocking) / (agents - trafficErlangs * (1 - blocking));
}

/** Erlang B blocking probability by the stable recurrence (never forms A^N or N!). */
export function erlangB(agents: number, trafficErlangs: number): number {
  assertAgents(agents);
  assertTraffic(trafficErlangs);
  let blocking = 1;
  for (let n = 1; n <= agents; n += 1) {
    blocking = (trafficErlangs * blocking) / (n + trafficErlangs * blocking);
  }
  return blocking;
}

/** Share of calls answered within `targetAnswerSeconds`: 1 − C·e^{−(N−A)·t/AHT}. 0 when overloaded. */
export function serviceLevel(
  agents: number,
  trafficErlangs: number,
  meanHandleSeconds: number,
  targetAnswerSeconds: number,
): number {
  assertPositive('meanHandleSeconds', meanHandleSeconds);
  if (!(targetAnswerSeconds >= 0)) throw new RangeError(`targetAnswerSeconds must be >= 0, got ${targetAnswerSeconds}`);
  if (trafficErlangs >= agents && trafficErlangs > 0) return 0;
  const waitProbability = erlangC(agents, trafficErlangs);
  return 1 - waitProbability * Math.exp((-(agents - trafficErlangs) * targetAnswerSeconds) / meanHandleSeconds);
}

/** Average speed of answer in seconds: C·AHT/(N−A). Infinity when overloaded. */
export function averageSpeedOfAnswer(agents: number, trafficErlangs: number, meanHandleSeconds: number): number {
  assertPositive('meanHandleSeconds', meanHandleSeconds);
  if (trafficErlangs === 0) return 0;
  if (trafficErlangs >= agents) return Number.POSITIVE_INFINITY;
  return (erlangC(agents, trafficErlangs) * meanHandleSeconds) / (agents - trafficErlangs);
}

/**
 * Share of callers who would still be waiting (and at risk of hanging up) after `patienceSeconds`:
 * the complement of the service level at that time. Erlang C has no abandons, so the
 * expected pickup rate is estimated as the share answered before callers' mean patience.
 */
export function expectedPickupRate(
  agents: number,
  trafficErlangs: number,
  meanHandleSeconds: number,
  patienceSeconds: number,
): number {
  return serviceLevel(agents, trafficErlangs, meanHandleSeconds, patienceSeconds);
}

export interface StaffingTarget {
  /** Arrivals per hour (give this or `arrivalsPer15Minutes`). */
  readonly arrivalsPerHour?: number;
  readonly arrivalsPer15Minutes?: number;
  readonly meanHandleSeconds: number;
  /** e.g. 0.8 for "80 % in 20 s". */
  readonly targetServiceLevel: number;
  readonly targetAnswerSeconds: number;
  /**
   * Optional pickup-rate target (e.g. 0.91). Without an abandon model, it is read as "this
   * share answered before callers' patience runs out" with `callerPatienceSeconds`.
   */
  readonly targetPickupRate?: number;
  /** Mean time a caller waits before hanging up; default 60 s. */
  readonly callerPatienceSeconds?: number;
}

export interface StaffingResult {
  readonly agents: number;
  readonly trafficErlangs: number;
  readonly waitProbability: number;
  readonly serviceLevel: number;
  readonly averageSpeedOfAnswerSeconds: number;
  readonly occupancy: number;
  /** null when no pickup-rate target was given. */
  readonly expectedPickupRate: number | null;
}

export const DEFAULT_CALLER_PATIENCE_SECONDS = 60;

/** The smallest number of agents that meets every target (0 when no traffic). */
export function agentsNeeded(target: StaffingTarget): StaffingResult {
  const arrivalsPerHour = arrivalsPerHourOf(target);
  assertPositive('meanHandleSeconds', target.meanHandleSeconds);
  assertShare('targetServiceLevel', target.targetServiceLevel);
  if (target.targetPickupRate !== undefined) assertShare('targetPickupRate', target.targetPickupRate);
  if (!(target.targetAnswerSeconds >= 0)) {
    throw new RangeError(`targetAnswerSeconds must be >= 0, got ${target.targetAnswerSeconds}`);
  }
  const traffic = (arrivalsPerHour * target.meanHandleSeconds) / 3600;
  const patience = target.callerPatienceSeconds ?? DEFAULT_CALLER_PATIENCE_SECONDS;
  if (traffic === 0) return resultFor(0, 0, target, patience);
  // Start just above the traffic (fewer agents can never keep up) and add one at a time;
  // service level rises monotonically with N, so the first fit is the answer.
  for (let agents = Math.max(1, Math.floor(traffic) + 1); ; agents += 1) {
    const result = resultFor(agents, traffic, target, patience);
    const meetsPickup = result.expectedPickupRate === null || result.expectedPickupRate >= target.targetPickupRate!;
    if (result.serviceLevel >= target.targetServiceLevel && meetsPickup) return result;
  }
}

function resultFor(agents: number, traffic: number, target: StaffingTarget, patience: number): StaffingResult {
  const handle = target.meanHandleSeconds;
  return {
    agents,
    trafficErlangs: traffic,
    waitProbability: agents === 0 ? 0 : erlangC(agents, traffic),
    serviceLevel: agents === 0 ? 1 : serviceLevel(agents, traffic, handle, target.targetAnswerSeconds),
    averageSpeedOfAnswerSeconds: agents === 0 ? 0 : averageSpeedOfAnswer(agents, traffic, handle),
    occupancy: agents === 0 ? 0 : traffic / agents,
    expectedPickupRate:
      target.targetPickupRate === undefined
        ? null
        : agents === 0
          ? 1
          : expectedPickupRate(agents, traffic, handle, patience),
  };
}

function arrivalsPerHourOf(target: StaffingTarget): number {
  const perHour =
    target.arrivalsPerHour ?? (target.arrivalsPer15Minutes === undefined ? undefined : target.arrivalsPer15Minutes * 4);
  if (perHour === undefined) throw new RangeError('give arrivalsPerHour or arrivalsPer15Minutes');
  if (!(perHour >= 0) || !Number.isFinite(perHour))
    throw new RangeError(`arrivals must be a finite number >= 0, got ${perHour}`);
  return perHour;
}

function assertAgents(agents: number): void {
  if (!Number.isInteger(agents) || agents < 0) throw new RangeError(`agents must be an integer >= 0, got ${agents}`);
}

function assertTraffic(traffic: number): void {
  if (!(traffic >= 0) || !Number.isFinite(traffic))
    throw new RangeError(`traffic must be a finite number >= 0, got ${traffic}`);
}

function assertPositive(name: string, value: number): void {
  if (!(value > 0) || !Number.isFinite(value)) throw new RangeError(`${name} must be > 0, got ${value}`);
}

function assertShare(name: string, value: number): void {
  if (!(value > 0 && value < 1)) throw new RangeError(`${name} must be strictly between 0 and 1, got ${value}`);
}
