import { parseSeries } from './kpi-series-api.js';

describe('parseSeries', () => {
  it('reads points with nested figures and ISO starts', () => {
    const body = { points: [{ start: '2026-11-28T08:00:00.000Z', figures: { offered: 10, answered: 9, pickupRate: 0.9 } }] };
    expect(parseSeries(body)).toEqual([{ start: Date.parse('2026-11-28T08:00:00.000Z'), offered: 10, answered: 9, pickupRate: 0.9 }]);
  });

  it('reads flattened points, computes a missing rate, and keeps null when nothing was offered', () => {
    expect(parseSeries([{ start: 1000, offered: 4, answered: 3 }, { start: 2000, offered: 0, answered: 0 }])).toEqual([
      { start: 1000, offered: 4, answered: 3, pickupRate: 0.75 },
      { start: 2000, offered: 0, answered: 0, pickupRate: null },
    ]);
  });

  it('refuses a payload it does not understand instead of drawing nothing', () => {
    expect(() => parseSeries({ nope: true })).toThrow('unexpected KPI series payload');
    expect(() => parseSeries([{ offered: 1 }])).toThrow('without a start');
  });
});
