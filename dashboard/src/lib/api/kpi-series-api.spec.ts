import { bucketBounds, parseSeries } from './kpi-series-api.js';

describe('parseSeries', () => {
  it('reads points with nested figures and ISO starts', () => {
    const body = {
      points: [{ start: '2026-11-28T08:00:00.000Z', figures: { offered: 10, answered: 9, pickupRate: 0.9 } }],
    };
    expect(parseSeries(body)).toEqual([
      { start: Date.parse('2026-11-28T08:00:00.000Z'), offered: 10, answered: 9, pickupRate: 0.9 },
    ]);
  });

  it('reads flattened points, computes a missing rate, and keeps null when nothing was offered', () => {
    expect(
      parseSeries([
        { start: 1000, offered: 4, answered: 3 },
        { start: 2000, offered: 0, answered: 0 },
      ]),
    ).toEqual([
      { start: 1000, offered: 4, answered: 3, pickupRate: 0.75 },
      { start: 2000, offered: 0, answered: 0, pickupRate: null },
    ]);
  });

  it('refuses a payload it does not understand instead of drawing nothing', () => {
    expect(() => parseSeries({ nope: true })).toThrow('unexpected KPI series payload');
    expect(() => parseSeries([{ offered: 1 }])).toThrow('without a start');
  });
});

describe('bucketBounds', () => {
  it('tiles a morning in quarter hours aligned on the clock', () => {
    const from = Date.UTC(2026, 10, 28, 7, 0); // 08:00 Paris
    const to = Date.UTC(2026, 10, 28, 8, 10); // 09:10 Paris
    const bounds = bucketBounds('15m', from, to);
    expect(bounds).toHaveLength(5);
    expect(bounds[0]).toEqual({ start: from, end: from + 15 * 60_000 });
    expect(bounds.at(-1)!.start).toBe(Date.UTC(2026, 10, 28, 8, 0));
  });

  it('cuts days at Paris midnights, with the 23-hour day of the spring clock change', () => {
    const from = Date.UTC(2026, 2, 27, 23, 0); // 28 March 2026 00:00 Paris (UTC+1)
    const to = Date.UTC(2026, 2, 30, 12, 0);
    const bounds = bucketBounds('1d', from, to);
    expect(bounds.map((b) => (b.end - b.start) / 3_600_000)).toEqual([24, 23, 24]);
    expect(bounds[2]!.start).toBe(Date.UTC(2026, 2, 29, 22, 0)); // 30 March 00:00 Paris (UTC+2)
  });
});
