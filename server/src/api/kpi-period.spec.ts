import { getKpiFigures, parisStartOfDay } from '@iris/shared';
import { parseInput } from '../app/zod-input.js';
import { kpiPeriodFromQuery } from './kpi-period.js';

const now = Date.parse('2026-06-15T10:07:30+02:00');
/** As the route does it: the shared endpoint's query schema, then the period. */
const period = (query: Record<string, string>) =>
  kpiPeriodFromQuery(parseInput(getKpiFigures.query, query, 'Période'), now);

describe('kpiPeriodFromQuery', () => {
  it('turns the live windows into periods ending at the end of the current minute', () => {
    const end = Date.parse('2026-06-15T10:08:00+02:00');
    expect(period({ window: '15m' })).toEqual({ queue: undefined, from: end - 15 * 60_000, to: end, window: '15m' });
    expect(period({ window: '1h', queue: 'accueil' })).toMatchObject({
      queue: 'accueil',
      from: end - 3_600_000,
      to: end,
    });
    expect(period({ window: 'today' })).toMatchObject({ from: parisStartOfDay(now), to: end });
  });

  it('takes an explicit period as ISO 8601 or epoch ms', () => {
    expect(period({ from: '2026-06-01T00:00:00+02:00', to: '1781301600000' })).toMatchObject({
      from: Date.parse('2026-06-01T00:00:00+02:00'),
      to: 1781301600000,
      window: null,
    });
  });

  it('explains what is wrong with a bad period', () => {
    expect(() => period({})).toThrow('Période manquante');
    expect(() => period({ window: '15m', from: '1781301600000' })).toThrow('soit window, soit from et to');
    expect(() => period({ from: '1781301600000', to: '1781301600000' })).toThrow('from doit précéder to.');
    expect(() => period({ window: '2h' })).toThrow(/window/);
    expect(() => period({ from: 'yesterday', to: 'today' })).toThrow(/from/);
  });

  it('refuses an absurd range before any work (it once froze the server for 132 s)', () => {
    expect(() => period({ from: '1000-01-01T00:00:00Z', to: '9999-01-01T00:00:00Z' })).toThrow('antérieur à 2000');
    expect(() => period({ from: '2001-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' })).toThrow('trop longue');
    expect(() => period({ from: '2026-01-01T00:00:00Z', to: '2099-01-01T00:00:00Z' })).toThrow('futur');
  });
});
