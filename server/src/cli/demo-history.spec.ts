import { parisParts, parisStartOfDay, parisWallClockToEpoch, type DomainEvent } from '@iris/shared';
import { demoHistory } from './demo-history.js';

const OUTCOMES = new Set(['call.answered', 'call.abandoned', 'call.timed_out', 'call.exited']);
// Saturday 28 November 2026, mid-afternoon in Paris.
const today = parisWallClockToEpoch(2026, 11, 28, 15, 0);

describe('demoHistory', () => {
  const events = demoHistory({ days: 30, today });

  it('is deterministic, ids included, so seeding twice counts nothing twice', () => {
    expect(demoHistory({ days: 30, today })).toEqual(events);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
  });

  it('covers past days only, inside town-hall opening hours, never on Sundays', () => {
    expect(events.length).toBeGreaterThan(10_000);
    const queued = events.filter((e) => e.type === 'call.queued');
    for (const event of queued) {
      expect(event.at).toBeLessThan(parisStartOfDay(today));
      const p = parisParts(event.at);
      const weekday = new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay();
      expect(weekday).not.toBe(0);
      const minutes = p.hour * 60 + p.minute;
      if (weekday === 6) expect(minutes >= 9 * 60 && minutes < 12 * 60).toBe(true);
      else expect(minutes >= 8 * 60 + 30 && minutes < 17 * 60 + 30).toBe(true);
    }
    const days = new Set(queued.map((e) => `${parisParts(e.at).month}-${parisParts(e.at).day}`));
    expect(days.size).toBe(26); // 30 days back from a Saturday hold 4 Sundays
  });

  it('gives every queued call exactly one outcome, in time order, with a pickup rate near the target', () => {
    const outcomes = new Map<string, DomainEvent[]>();
    for (const event of events) {
      if (OUTCOMES.has(event.type)) {
        const callId = (event.data as { callId: string }).callId;
        outcomes.set(callId, [...(outcomes.get(callId) ?? []), event]);
      }
    }
    const queued = events.filter((e) => e.type === 'call.queued');
    expect(outcomes.size).toBe(queued.length);
    expect([...outcomes.values()].every((list) => list.length === 1)).toBe(true);
    expect(events.every((e, i) => i === 0 || events[i - 1]!.at <= e.at)).toBe(true);
    const answered = events.filter((e) => e.type === 'call.answered').length;
    expect(answered / queued.length).toBeGreaterThan(0.85);
    expect(answered / queued.length).toBeLessThan(0.96);
  });
});
