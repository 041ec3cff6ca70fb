import { intakeRows } from './intake-api.js';

describe('intakeRows', () => {
  it('lists every channel in order, zero where nothing came, with the total', () => {
    expect(intakeRows({ day: '2026-11-28', byChannel: { email: 3, desk: 5 } })).toEqual({
      rows: [
        { channel: 'desk', count: 5 },
        { channel: 'phone', count: 0 },
        { channel: 'mail', count: 0 },
        { channel: 'email', count: 3 },
        { channel: 'sms', count: 0 },
      ],
      total: 8,
    });
  });

  it('adds up to zero on a day with no request yet (the panel shows its empty state)', () => {
    expect(intakeRows({ day: '2026-11-28', byChannel: {} }).total).toBe(0);
  });
});
