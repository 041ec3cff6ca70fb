import { EVENT_DATA_SCHEMAS, eventProblems, isDomainEvent } from './event-schemas.js';
import type { DomainEvent } from './index.js';

const answered: DomainEvent = {
  id: 'ami:1.2:accueil:outcome',
  type: 'call.answered',
  v: 1,
  at: 1_795_000_000_000,
  source: 'ami',
  data: {
    callId: '1.2',
    linkedId: '1.1',
    queue: 'accueil',
    agent: { interface: 'Local/1001@agents/n', name: 'Agent 1001' },
    holdSeconds: 4,
    ringSeconds: 2,
    serviceLevelSeconds: 20,
  },
};

describe('the event log door', () => {
  it('given a well-formed event of a known type, finds nothing wrong', () => {
    expect(eventProblems(answered)).toEqual([]);
    expect(isDomainEvent(answered)).toBe(true);
  });

  it('given a broken envelope, says which fields', () => {
    const problems = eventProblems({ ...answered, id: '', v: 2, source: 'somewhere' });
    expect(problems.map((p) => p.path).sort()).toEqual(['id', 'source', 'v']);
  });

  it('given a payload off its schema, names the field (nested too)', () => {
    const bad = { ...answered, data: { ...answered.data, holdSeconds: -1, agent: { interface: '', name: 'x' } } };
    expect(
      eventProblems(bad)
        .map((p) => p.path)
        .sort(),
    ).toEqual(['data.agent.interface', 'data.holdSeconds']);
  });

  it('refuses a field the schema does not know rather than dropping it', () => {
    const problems = eventProblems({ ...answered, data: { ...answered.data, callerSecret: '06 12' } });
    expect(problems).toEqual([{ path: 'data', message: expect.stringMatching(/callerSecret/) }]);
  });

  it('refuses a type IRIS does not know', () => {
    expect(eventProblems({ ...answered, type: 'call.teleported' })).toEqual([
      { path: 'type', message: 'unknown event type "call.teleported"' },
    ]);
  });

  it('never throws, whatever it is given', () => {
    for (const value of [null, undefined, 42, 'call.answered', [], { type: '__proto__' }, { ...answered, data: null }])
      expect(eventProblems(value).length).toBeGreaterThan(0);
  });

  it('has a schema for every event family of the log', () => {
    const families = new Set(Object.keys(EVENT_DATA_SCHEMAS).map((type) => type.split('.')[0]));
    expect([...families].sort()).toEqual([
      'agent',
      'call',
      'citizen',
      'desk',
      'member',
      'request',
      'rotation',
      'telephony',
    ]);
  });
});
