import type { DomainEvent } from '@iris/shared';
import { queueCallOutcome } from './kpi.projection.js';

const ref = { callId: '1795877226.1', linkedId: '1795877226.1', queue: 'accueil' };
const agent = { interface: 'Local/1001@agents/n', name: 'Agent 1001' };
const event = (type: string, data: object): DomainEvent =>
  ({ id: `x:${type}`, type, v: 1, at: 1, source: 'ami', data: { ...ref, ...data } }) as DomainEvent;

describe('queueCallOutcome: what a call event says about the KPIs', () => {
  it('an answer carries its wait and the queue service level, or the default when Asterisk has none', () => {
    expect(
      queueCallOutcome(event('call.answered', { agent, holdSeconds: 12, ringSeconds: 3, serviceLevelSeconds: 30 }), 20),
    ).toEqual({
      kind: 'answered',
      waitSeconds: 12,
      serviceLevelSeconds: 30,
    });
    expect(
      queueCallOutcome(event('call.answered', { agent, holdSeconds: 12, ringSeconds: 3, serviceLevelSeconds: 0 }), 20),
    ).toMatchObject({ serviceLevelSeconds: 20 });
  });

  it('abandons, timeouts and exits carry their wait', () => {
    expect(queueCallOutcome(event('call.abandoned', { waitSeconds: 5, position: 1 }), 20)).toEqual({
      kind: 'abandoned',
      waitSeconds: 5,
    });
    expect(queueCallOutcome(event('call.timed_out', { waitSeconds: 60 }), 20)).toEqual({
      kind: 'timed_out',
      waitSeconds: 60,
    });
    expect(queueCallOutcome(event('call.exited', { waitSeconds: 8, reason: 'key' }), 20)).toEqual({
      kind: 'exited',
      waitSeconds: 8,
    });
  });

  it('other events are not outcomes', () => {
    expect(
      queueCallOutcome(event('call.queued', { callerNumber: '+33146000000', callerName: null, position: 1 }), 20),
    ).toBeNull();
    expect(
      queueCallOutcome(event('call.ended', { agent, holdSeconds: 1, talkSeconds: 30, endedBy: 'agent' }), 20),
    ).toBeNull();
  });

  it('a malformed wait is refused with its reason (the projector records it and goes on)', () => {
    expect(() => queueCallOutcome(event('call.abandoned', { waitSeconds: -3, position: 1 }), 20)).toThrow(
      'waitSeconds must be a number of seconds >= 0, got -3',
    );
    expect(() =>
      queueCallOutcome(
        event('call.answered', { agent, holdSeconds: 'x', ringSeconds: 3, serviceLevelSeconds: 20 }),
        20,
      ),
    ).toThrow(/holdSeconds/);
  });
});
