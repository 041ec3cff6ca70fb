import { agentsNeeded, averageSpeedOfAnswer, erlangB, erlangC, expectedPickupRate, serviceLevel } from './erlang-c.js';

/**
 * Published reference values.
 * - Call Centre Helper, "The Erlang C Formula – Made Simple with an Worked Example"
 *   (callcentrehelper.com): 100 calls in 30 min, AHT 180 s, so A = 10 Erlangs, target 80 %
 *   in 20 s. Probability of waiting with 11..15 agents: 68.21 %, 44.94 %, 28.53 %, 17.41 %,
 *   10.20 %; 14 agents are needed (13 give 79.6 %, 14 give 88.8 %).
 * Beyond the table, large cases are checked against the textbook closed formula
 * (A^N/N!·N/(N−A)) / (Σ_{k<N} A^k/k! + A^N/N!·N/(N−A)) evaluated term by term in log space.
 */
describe('erlangC against published tables', () => {
  it.each([
    [11, 0.6821],
    [12, 0.4494],
    [13, 0.2853],
    [14, 0.1741],
    [15, 0.102],
  ])('A = 10 Erl with %i agents waits with probability %f', (agents, published) => {
    expect(erlangC(agents, 10)).toBeCloseTo(published, 4);
  });

  it('gives the Call Centre Helper service levels either side of the 80/20 target', () => {
    expect(serviceLevel(13, 10, 180, 20)).toBeCloseTo(0.7956, 3);
    expect(serviceLevel(14, 10, 180, 20)).toBeCloseTo(0.8884, 3);
  });

  it.each([
    [55, 48],
    [120, 110.5],
    [400, 390],
  ])('matches the closed formula for N = %i, A = %f', (agents, traffic) => {
    expect(erlangC(agents, traffic)).toBeCloseTo(closedFormErlangC(agents, traffic), 10);
  });

  it('derives ASA and service level from the wait probability (Call Centre Helper, 11 agents)', () => {
    // ASA = 0.6821 × 180 / (11 − 10) = 122.8 s; SL(20 s) = 1 − 0.6821·e^{−20/180} = 39.0 %.
    expect(averageSpeedOfAnswer(11, 10, 180)).toBeCloseTo(122.8, 1);
    expect(serviceLevel(11, 10, 180, 20)).toBeCloseTo(0.3897, 3);
  });

  it('agrees with the closed formula on small cases (A=1, N=2 gives 1/3)', () => {
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 12);
    expect(erlangB(1, 1)).toBeCloseTo(0.5, 12);
  });

  it('stays finite and sensible for large N where A^N/N! would overflow', () => {
    const wait = erlangC(1000, 950);
    expect(Number.isFinite(wait)).toBe(true);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThan(1);
    // More agents never make waiting likelier.
    expect(erlangC(1001, 950)).toBeLessThan(wait);
  });

  it('treats an overloaded queue as always waiting, with no service level', () => {
    expect(erlangC(5, 5)).toBe(1);
    expect(serviceLevel(5, 6, 180, 20)).toBe(0);
    expect(averageSpeedOfAnswer(5, 6, 180)).toBe(Number.POSITIVE_INFINITY);
  });

  it('rejects nonsense with a clear error', () => {
    expect(() => erlangC(-1, 2)).toThrow(/agents must be an integer/);
    expect(() => erlangC(2.5, 2)).toThrow(/agents must be an integer/);
    expect(() => erlangC(3, Number.NaN)).toThrow(/traffic must be/);
    expect(() => agentsNeeded({ meanHandleSeconds: 180, targetServiceLevel: 0.8, targetAnswerSeconds: 20 })).toThrow(
      /arrivalsPerHour or arrivalsPer15Minutes/,
    );
    expect(() =>
      agentsNeeded({ arrivalsPerHour: 10, meanHandleSeconds: 0, targetServiceLevel: 0.8, targetAnswerSeconds: 20 }),
    ).toThrow(/meanHandleSeconds/);
    expect(() =>
      agentsNeeded({ arrivalsPerHour: 10, meanHandleSeconds: 60, targetServiceLevel: 80, targetAnswerSeconds: 20 }),
    ).toThrow(/targetServiceLevel/);
  });
});

describe('agentsNeeded', () => {
  it('needs 14 agents for 200 calls/h of 180 s at 80 % in 20 s (Call Centre Helper)', () => {
    const result = agentsNeeded({
      arrivalsPerHour: 200,
      meanHandleSeconds: 180,
      targetServiceLevel: 0.8,
      targetAnswerSeconds: 20,
    });
    expect(result.agents).toBe(14);
    expect(result.trafficErlangs).toBeCloseTo(10, 10);
    expect(result.waitProbability).toBeCloseTo(0.1741, 4);
    expect(result.occupancy).toBeCloseTo(10 / 14, 10);
    expect(result.expectedPickupRate).toBeNull();
  });

  it('accepts arrivals per 15 minutes as a quarter of the hourly rate', () => {
    const perQuarter = agentsNeeded({
      arrivalsPer15Minutes: 50,
      meanHandleSeconds: 180,
      targetServiceLevel: 0.8,
      targetAnswerSeconds: 20,
    });
    expect(perQuarter.agents).toBe(14);
  });

  it('stops at the first agent count that meets the target (720 calls/h of 240 s, 80 % in 15 s)', () => {
    const result = agentsNeeded({
      arrivalsPerHour: 720,
      meanHandleSeconds: 240,
      targetServiceLevel: 0.8,
      targetAnswerSeconds: 15,
    });
    expect(result.trafficErlangs).toBeCloseTo(48, 10);
    expect(result.agents).toBeGreaterThan(48);
    expect(serviceLevel(result.agents - 1, 48, 240, 15)).toBeLessThan(0.8);
    expect(result.serviceLevel).toBeGreaterThanOrEqual(0.8);
  });

  it('adds agents when a pickup-rate target is stricter than the service level', () => {
    const base = { arrivalsPerHour: 30, meanHandleSeconds: 240, targetServiceLevel: 0.5, targetAnswerSeconds: 20 };
    const withoutPickup = agentsNeeded(base);
    const withPickup = agentsNeeded({ ...base, targetPickupRate: 0.99, callerPatienceSeconds: 30 });
    expect(withPickup.agents).toBeGreaterThan(withoutPickup.agents);
    expect(withPickup.expectedPickupRate).toBeGreaterThanOrEqual(0.99);
    expect(expectedPickupRate(withPickup.agents - 1, withPickup.trafficErlangs, 240, 30)).toBeLessThan(0.99);
  });

  it('needs nobody at night (no arrivals)', () => {
    const result = agentsNeeded({
      arrivalsPerHour: 0,
      meanHandleSeconds: 240,
      targetServiceLevel: 0.8,
      targetAnswerSeconds: 20,
    });
    expect(result.agents).toBe(0);
    expect(result.serviceLevel).toBe(1);
  });

  it('needs at least one agent for a trickle of calls', () => {
    expect(
      agentsNeeded({ arrivalsPerHour: 1, meanHandleSeconds: 120, targetServiceLevel: 0.8, targetAnswerSeconds: 20 })
        .agents,
    ).toBe(1);
  });
});

/** The textbook formula, each term exp(k·ln A − ln k!) so nothing overflows; an independent check. */
function closedFormErlangC(agents: number, traffic: number): number {
  const logTerm = (k: number): number => {
    let logFactorial = 0;
    for (let i = 2; i <= k; i += 1) logFactorial += Math.log(i);
    return k * Math.log(traffic) - logFactorial;
  };
  const top = Math.exp(logTerm(agents)) * (agents / (agents - traffic));
  let sum = 0;
  for (let k = 0; k < agents; k += 1) sum += Math.exp(logTerm(k));
  return top / (sum + top);
}
