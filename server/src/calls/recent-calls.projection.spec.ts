import type { DomainEvent, MemberRef } from '@iris/shared';
import { projectBatch } from '../projector/project-batch.js';
import { ProjectionRegistry } from '../projector/projection-registry.js';
import { StoreKeys } from '../redis/keys.js';
import { QueueStateProjection } from './queue-state.projection.js';
import { RecentCallsProjection } from './recent-calls.projection.js';
import { recentCallsFromHash } from './recent-calls.reader.js';

const RULES = { shortAbandonSeconds: 5, defaultServiceLevelSeconds: 20 };
const keys = new StoreKeys('unit:').projections();
const AGENT: MemberRef = { interface: 'Local/1002@agents/n', name: 'Agent 1002' };
const T0 = 1_795_877_226_000;

/**
 * The projection through the real batch fold, with an in-memory store that keeps what each
 * batch wrote (the batch mutates the hashes it was given), so batches chain like the projector's.
 */
function harness(capacity?: number) {
  const registry = new ProjectionRegistry();
  registry.register(new RecentCallsProjection({ capacity }));
  registry.register(new QueueStateProjection());
  const store = new Map<string, Map<string, string>>();
  let streamSeq = 0;
  return {
    async project(events: DomainEvent[]): Promise<number> {
      const stored = events.map((event) => ({ streamId: `${++streamSeq}-0`, event }));
      const batch = await projectBatch(stored, registry, keys, RULES, async (wanted) => {
        const loaded = new Map<string, Map<string, string>>();
        for (const key of wanted) {
          if (!store.has(key)) store.set(key, new Map());
          loaded.set(key, store.get(key)!);
        }
        return loaded;
      });
      return batch.failures;
    },
    list(queue?: string, limit = 1000) {
      return recentCallsFromHash(store.get(keys.recentCalls(queue ? { queue } : 'front-office')) ?? new Map(), limit);
    },
    hashSize(queue?: string) {
      return store.get(keys.recentCalls(queue ? { queue } : 'front-office'))?.size ?? 0;
    },
  };
}

let n = 0;
function ev(type: string, at: number, data: object): DomainEvent {
  return { id: `unit:${++n}`, type, v: 1, at, source: 'ami', data } as DomainEvent;
}
function queued(queue: string, callId: string, at: number, callerNumber = '+33146000001'): DomainEvent {
  return ev('call.queued', at, { callId, linkedId: callId, queue, callerNumber, callerName: null, position: 1 });
}

describe('RecentCallsProjection: the last finished queue calls', () => {
  it('records each outcome with caller, wait, agent, and the talk time once the conversation ends', async () => {
    const h = harness();
    const ref = (callId: string) => ({ callId, linkedId: callId, queue: 'accueil' });
    const failures = await h.project([
      queued('accueil', 'a', T0, '+33146552783'),
      queued('accueil', 'b', T0 + 1000, '0646532250'),
      queued('accueil', 'c', T0 + 2000, '0784703576'),
      ev('call.answered', T0 + 3000, {
        ...ref('a'),
        agent: AGENT,
        holdSeconds: 3,
        ringSeconds: 1,
        serviceLevelSeconds: 20,
      }),
      ev('call.abandoned', T0 + 8000, { ...ref('b'), waitSeconds: 7, position: 1 }),
      ev('call.abandoned', T0 + 6000, { ...ref('c'), waitSeconds: 4, position: 1 }),
    ]);
    expect(failures).toBe(0);
    expect(h.list('accueil').map((c) => [c.callId, c.outcome])).toEqual([
      ['c', 'short_abandon'],
      ['b', 'abandoned'],
      ['a', 'answered'],
    ]);
    const answered = h.list('accueil')[2]!;
    expect(answered).toMatchObject({
      callerNumber: '+33146552783',
      waitSeconds: 3,
      agent: { id: '1002', name: 'Agent 1002' },
      talkSeconds: null,
      joinedAt: T0,
      leftQueueAt: T0 + 3000,
      endedAt: null,
    });
    expect(h.list('accueil')[1]).toMatchObject({
      callerNumber: '0646532250',
      agent: null,
      talkSeconds: null,
      endedAt: T0 + 8000,
    });

    // The conversation ends in a later batch: the entry is completed, its rank kept.
    await h.project([
      ev('call.ended', T0 + 16_000, { ...ref('a'), agent: AGENT, holdSeconds: 3, talkSeconds: 13, endedBy: 'agent' }),
    ]);
    expect(h.list('accueil')[2]).toMatchObject({ callId: 'a', seq: 0, talkSeconds: 13, endedAt: T0 + 16_000 });
    expect(h.list()[2]).toMatchObject({ callId: 'a', talkSeconds: 13 });
  });

  it('timeouts and other exits; a caller who joined before IRIS ran gets a join time from the reported wait', async () => {
    const h = harness();
    await h.project([
      queued('etat-civil', 't', T0),
      ev('call.timed_out', T0 + 60_000, { callId: 't', linkedId: 't', queue: 'etat-civil', waitSeconds: 60 }),
      ev('call.exited', T0 + 70_000, {
        callId: 'x',
        linkedId: 'x',
        queue: 'etat-civil',
        waitSeconds: 9,
        reason: 'key',
      }),
    ]);
    expect(h.list('etat-civil').map((c) => [c.callId, c.outcome, c.callerNumber, c.joinedAt])).toEqual([
      ['x', 'exited', '', T0 + 61_000],
      ['t', 'timed_out', '+33146000001', T0],
    ]);
  });

  it('the front office lists every queue, each queue only its own', async () => {
    const h = harness();
    await h.project([
      ev('call.abandoned', T0 + 1000, { callId: 'q1', linkedId: 'q1', queue: 'accueil', waitSeconds: 10, position: 1 }),
      ev('call.abandoned', T0 + 2000, {
        callId: 'q2',
        linkedId: 'q2',
        queue: 'etat-civil',
        waitSeconds: 10,
        position: 1,
      }),
    ]);
    expect(h.list().map((c) => c.callId)).toEqual(['q2', 'q1']);
    expect(h.list('accueil').map((c) => c.callId)).toEqual(['q1']);
    expect(h.list('etat-civil').map((c) => c.callId)).toEqual(['q2']);
  });

  it('is capped: the oldest entries and their index fields go, the newest stay, newest first', async () => {
    const h = harness(5);
    for (let batch = 0; batch < 3; batch++) {
      const events: DomainEvent[] = [];
      for (let i = 0; i < 4; i++) {
        const callId = `c${batch * 4 + i}`;
        events.push(queued('accueil', callId, T0 + (batch * 4 + i) * 1000));
        events.push(
          ev('call.abandoned', T0 + (batch * 4 + i) * 1000 + 500, {
            callId,
            linkedId: callId,
            queue: 'accueil',
            waitSeconds: 30,
            position: 1,
          }),
        );
      }
      await h.project(events);
    }
    expect(h.list('accueil').map((c) => c.callId)).toEqual(['c11', 'c10', 'c9', 'c8', 'c7']);
    expect(h.list('accueil', 2).map((c) => c.callId)).toEqual(['c11', 'c10']);
    // 5 slots + 5 index fields + the counter: nothing else grows.
    expect(h.hashSize('accueil')).toBe(11);
    expect(h.hashSize()).toBe(11);
  });

  it('an end whose entry was pushed out of the ring changes nothing', async () => {
    const h = harness(2);
    const ref = { callId: 'old', linkedId: 'old', queue: 'accueil' };
    await h.project([
      ev('call.answered', T0, { ...ref, agent: AGENT, holdSeconds: 1, ringSeconds: 1, serviceLevelSeconds: 20 }),
      ev('call.abandoned', T0 + 1000, { callId: 'n1', linkedId: 'n1', queue: 'accueil', waitSeconds: 30, position: 1 }),
      ev('call.abandoned', T0 + 2000, { callId: 'n2', linkedId: 'n2', queue: 'accueil', waitSeconds: 30, position: 1 }),
    ]);
    const before = h.list('accueil');
    expect(
      await h.project([
        ev('call.ended', T0 + 9000, { ...ref, agent: AGENT, holdSeconds: 1, talkSeconds: 9, endedBy: 'caller' }),
      ]),
    ).toBe(0);
    expect(h.list('accueil')).toEqual(before);
    expect(before.map((c) => c.callId)).toEqual(['n2', 'n1']);
  });

  it('a malformed outcome is refused (recorded as a failure) and leaves the lists alone', async () => {
    const h = harness();
    expect(
      await h.project([
        ev('call.abandoned', T0, { callId: 'bad', linkedId: 'bad', queue: 'accueil', waitSeconds: -1, position: 1 }),
      ]),
    ).toBeGreaterThan(0);
    expect(h.list('accueil')).toEqual([]);
  });
});
