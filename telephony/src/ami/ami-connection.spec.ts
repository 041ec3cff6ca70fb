import { reconnectDelay } from './ami-connection.js';

describe('reconnectDelay', () => {
  const backoff = { initialMs: 500, maxMs: 30_000, factor: 2, jitter: 0.5 };

  it('doubles from the first delay and stops at the cap', () => {
    const noJitter = () => 0;
    expect([0, 1, 2, 3, 4, 5, 6, 7, 20].map((attempt) => reconnectDelay(attempt, backoff, noJitter))).toEqual([
      500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000,
    ]);
  });

  it('draws the jitter below the exponential value, never above the cap', () => {
    expect(reconnectDelay(3, backoff, () => 0.999_999)).toBeCloseTo(2000, 0);
    expect(reconnectDelay(3, backoff, () => 0.5)).toBe(3000);
    for (let attempt = 0; attempt < 40; attempt++) {
      const delay = reconnectDelay(attempt, backoff, Math.random);
      expect(delay).toBeGreaterThan(0);
      expect(delay).toBeLessThanOrEqual(backoff.maxMs);
    }
  });
});
