import type { DomainEvent } from '@iris/shared';
import { replayReportFromEvents } from './replay-figures.js';

const ref = (queue: string, callId: string) => ({ callId, linkedId: 'L1', queue });
const event = (id: string, type: DomainEvent['type'], data: object): DomainEvent =>
  ({ id, type, v: 1, at: 0, source: 'ami', data }) as DomainEvent;

describe('replayReportFromEvents', () => {
  it('one inbound call through two queues: two queue calls, one front-office call answered', () => {
    const agent = { interface: 'Local/1001@agents/n', name: 'Agent 1001' };
    const events = [
      event('a:queued', 'call.queued', {
        ...ref('accueil', 'u1'),
        callerNumber: '0146',
        callerName: null,
        position: 1,
      }),
      event('a:outcome', 'call.timed_out', { ...ref('accueil', 'u1'), waitSeconds: 60 }),
      event('b:queued', 'call.queued', {
        ...ref('etat-civil', 'u1'),
        callerNumber: '0146',
        callerName: null,
        position: 1,
      }),
      event('b:outcome', 'call.answered', {
        ...ref('etat-civil', 'u1'),
        agent,
        holdSeconds: 31,
        ringSeconds: 2,
        serviceLevelSeconds: 30,
      }),
      // Delivered twice (a second bridge): counted once.
      event('b:outcome', 'call.answered', {
        ...ref('etat-civil', 'u1'),
        agent,
        holdSeconds: 31,
        ringSeconds: 2,
        serviceLevelSeconds: 30,
      }),
    ];
    const report = replayReportFromEvents(events);
    expect(report.queues.accueil).toMatchObject({ offered: 1, timedOut: 1, answered: 0, pickupRate: 0 });
    expect(report.queues['etat-civil']).toMatchObject({
      offered: 1,
      answered: 1,
      answeredWithinServiceLevel: 0,
      pickupRate: 1,
      serviceLevel: 0,
    });
    expect(report.frontOffice).toMatchObject({ offered: 1, answered: 1, timedOut: 0, pickupRate: 1 });
  });

  it('nothing offered: rates are null, never 100%', () => {
    expect(replayReportFromEvents([]).frontOffice).toMatchObject({ offered: 0, pickupRate: null, serviceLevel: null });
  });
});
