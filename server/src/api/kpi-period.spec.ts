import { parisStartOfDay } from '@iris/shared';
import { kpiPeriodFromQuery } from './kpi-period.js';

const now = Date.parse('2026-06-15T10:07:30+02:00');

describe('kpiPeriodFromQuery', () => {
  it('turns the live windows into periods ending at the end of the current minute', () => {
    const end = Date.parse('2026-06-15T10:08:00+02:00');
    expect(kpiPeriodFromQuery({ window: '15m' }, now)).toEqual({
      queue: undefined,
      from: end - 15 * 60_000,
      to: end,
      window: '15m',
    });
    expect(kpiPeriodFromQuery({ window: '1h', queue: 'accueil' }, now)).toMatchObject({
      queue: 'accueil',
      from: end - 3_600_000,
      to: end,
    });
    expect(kpiPeriodFromQuery({ window: 'today' }, now)).toMatchObject({ from: parisStartOfDay(now), to: end });
  });

  it('takes an explicit period as ISO 8601 or epoch ms', () => {
    expect(kpiPeriodFromQuery({ from: '2026-06-01T00:00:00+02:00', to: '1781301600000' }, now)).toMatchObject({
      from: Date.parse('2026-06-01T00:00:00+02:00'),
      to: 1781301600000,
      window: null,
    });
  });

  it('explains what is wrong with a bad period', () => {
    expect(() => kpiPeriodFromQuery({}, now)).toThrow('Période manquante');
    expect(() => kpiPeriodFromQuery({ window: '15m', from: '1781301600000' }, now)).toThrow(
      'soit window, soit from et to',
    );
    expect(() => kpiPeriodFromQuery({ from: '1781301600000', to: '1781301600000' }, now)).toThrow(
      'from doit précéder to.',
    );
    expect(() => kpiPeriodFromQuery({ window: '2h' }, now)).toThrow(/window/);
    expect(() => kpiPeriodFromQuery({ from: 'yesterday', to: 'today' }, now)).toThrow(/from/);
  });
});
