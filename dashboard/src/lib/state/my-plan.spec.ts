import { myDayPlan } from './my-plan.js';
import type { DayPlan } from '@iris/shared';

const plans: DayPlan[] = [
  {
    date: '2026-11-28',
    revision: 3,
    slots: [
      { agentId: '1001', date: '2026-11-28', start: '10:00', end: '12:00', mode: 'phone' },
      { agentId: '1002', date: '2026-11-28', start: '08:30', end: '10:00', mode: 'phone' },
      { agentId: '1001', date: '2026-11-28', start: '08:30', end: '10:00', mode: 'desk' },
    ],
  },
  { date: '2026-11-29', revision: 1, slots: [{ agentId: '1001', date: '2026-11-29', start: '08:30', end: '10:00', mode: 'mail' }] },
];

describe('myDayPlan', () => {
  it("keeps my slots of the day in time order and marks the one running now", () => {
    expect(myDayPlan(plans, '1001', '2026-11-28', '10:00')).toEqual([
      { agentId: '1001', date: '2026-11-28', start: '08:30', end: '10:00', mode: 'desk', now: false },
      { agentId: '1001', date: '2026-11-28', start: '10:00', end: '12:00', mode: 'phone', now: true },
    ]);
  });

  it('is empty when I have no plan today', () => {
    expect(myDayPlan(plans, '1003', '2026-11-28', '09:00')).toEqual([]);
    expect(myDayPlan([], '1001', '2026-11-28', '09:00')).toEqual([]);
  });
});
