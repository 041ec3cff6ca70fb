import { memberAvailability, summarizeQueue, summarizeQueues, totalWaiting } from './queue-summary.js';
import { caller, member, queue } from '../testing/view-fixtures.js';

describe('memberAvailability', () => {
  it('counts a paused member as paused even on a call', () => {
    expect(memberAvailability(member('a', { paused: true, inCall: true, deviceState: 'in_use' }))).toBe('paused');
  });
  it('counts a member on a call or ringing as busy', () => {
    expect(memberAvailability(member('a', { inCall: true }))).toBe('busy');
    expect(memberAvailability(member('a', { deviceState: 'ringing' }))).toBe('busy');
    expect(memberAvailability(member('a', { deviceState: 'on_hold' }))).toBe('busy');
  });
  it('counts an idle reachable phone as available, an unreachable one apart', () => {
    expect(memberAvailability(member('a'))).toBe('available');
    expect(memberAvailability(member('a', { deviceState: 'unavailable' }))).toBe('unavailable');
  });
});

describe('summarizeQueue', () => {
  const now = 1_000_000;

  it('gives the longest wait from the oldest caller, ticking with now', () => {
    const q = queue('accueil', { waiting: [caller('c2', now - 30_000, 2), caller('c1', now - 95_500, 1)] });
    expect(summarizeQueue(q, now)).toMatchObject({ waiting: 2, longestWaitSeconds: 95 });
    expect(summarizeQueue(q, now + 10_000).longestWaitSeconds).toBe(105);
  });

  it('has no longest wait when nobody waits (not zero seconds)', () => {
    expect(summarizeQueue(queue('accueil'), now)).toMatchObject({ waiting: 0, longestWaitSeconds: null });
  });

  it('never shows a negative wait when the clocks disagree slightly', () => {
    expect(summarizeQueue(queue('a', { waiting: [caller('c', now + 800)] }), now).longestWaitSeconds).toBe(0);
  });

  it('counts members by availability', () => {
    const q = queue('etat-civil', {
      members: [
        member('a'),
        member('b', { inCall: true }),
        member('c', { paused: true }),
        member('d', { paused: true }),
        member('e', { deviceState: 'unavailable' }),
      ],
      callsInProgress: 1,
    });
    expect(summarizeQueue(q, now)).toEqual({
      queue: 'etat-civil',
      waiting: 0,
      longestWaitSeconds: null,
      available: 1,
      busy: 1,
      paused: 2,
      unavailable: 1,
      callsInProgress: 1,
    });
  });
});

describe('summarizeQueues / totalWaiting', () => {
  it('sorts queues by name with French collation and adds up callers waiting', () => {
    const queues = {
      urbanisme: queue('urbanisme', { waiting: [caller('x', 0)] }),
      'état-civil': queue('état-civil', { waiting: [caller('y', 0), caller('z', 0)] }),
      accueil: queue('accueil'),
    };
    expect(summarizeQueues(queues, 0).map((s) => s.queue)).toEqual(['accueil', 'état-civil', 'urbanisme']);
    expect(totalWaiting(queues)).toBe(3);
    expect(totalWaiting({})).toBe(0);
  });
});
