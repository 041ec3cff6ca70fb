import type { QueueSnapshot } from '@iris/shared';
import { GapAccountant } from './gap-accountant.js';

function queue(name: string, completed: number, abandoned: number): QueueSnapshot {
  return {
    queue: name,
    strategy: 'rrmemory',
    serviceLevelSeconds: 20,
    asteriskCompleted: completed,
    asteriskAbandoned: abandoned,
    members: [],
    waiting: [],
  };
}

describe('GapAccountant', () => {
  it('reports nothing on the first resync: there is nothing to compare with', () => {
    const gaps = new GapAccountant();
    expect(gaps.resync([queue('accueil', 120, 30)], 1000)).toEqual([]);
  });

  it('reports nothing when the bridge saw every call Asterisk counted', () => {
    const gaps = new GapAccountant();
    gaps.resync([queue('accueil', 10, 2)], 1000);
    gaps.countCompleted('accueil');
    gaps.countAbandon('accueil', '1.1');
    gaps.outcomeEmitted('accueil', '1.1');
    gaps.linkLost(2000);
    gaps.linkUp();
    expect(gaps.resync([queue('accueil', 11, 3)], 3000)).toEqual([]);
  });

  it('reports the calls that ended while away, per queue, with the time span', () => {
    const gaps = new GapAccountant();
    gaps.resync([queue('accueil', 10, 2), queue('etat-civil', 5, 0)], 1000);
    gaps.countCompleted('accueil');
    gaps.linkLost(2000);
    gaps.linkUp();
    const reported = gaps.resync([queue('accueil', 14, 3), queue('etat-civil', 5, 0)], 3000);
    expect(reported).toEqual([
      {
        id: 'ami:gap:accueil:2000:3000',
        type: 'telephony.gap',
        v: 1,
        at: 3000,
        source: 'ami',
        data: { queue: 'accueil', missedCompleted: 3, missedAbandoned: 1, disconnectedAt: 2000, reconnectedAt: 3000 },
      },
    ]);
  });

  it('counts an abandon read but left unclassified when the link dropped', () => {
    const gaps = new GapAccountant();
    gaps.resync([queue('accueil', 0, 0)], 1000);
    gaps.countAbandon('accueil', '1.5'); // QueueCallerAbandon read, QUEUESTATUS never came
    gaps.linkLost(2000);
    gaps.linkUp();
    const [gap] = gaps.resync([queue('accueil', 0, 1)], 3000);
    expect(gap?.data).toMatchObject({ missedCompleted: 0, missedAbandoned: 1 });
  });

  it('takes counters below their previous value as an Asterisk restart: all it counted since was missed', () => {
    const gaps = new GapAccountant();
    gaps.resync([queue('accueil', 50, 9)], 1000);
    gaps.linkLost(2000);
    gaps.linkUp();
    const [gap] = gaps.resync([queue('accueil', 2, 1)], 3000);
    expect(gap?.data).toMatchObject({ missedCompleted: 2, missedAbandoned: 1 });
  });

  it('trusts the caller when it knows Asterisk restarted, even if counters climbed back past the old values', () => {
    const gaps = new GapAccountant();
    gaps.resync([queue('accueil', 5, 1)], 1000);
    gaps.linkLost(2000);
    gaps.linkUp();
    const [gap] = gaps.resync([queue('accueil', 8, 2)], 3000, { restarted: true });
    expect(gap?.data).toMatchObject({ missedCompleted: 8, missedAbandoned: 2 });
  });

  it('does not report an event that raced the QueueStatus response (counted on both sides)', () => {
    const gaps = new GapAccountant();
    gaps.resync([queue('accueil', 10, 3)], 1000); // Completed already includes the call...
    gaps.countCompleted('accueil'); // ...whose AgentComplete arrives just after the response
    expect(gaps.resync([queue('accueil', 10, 3)], 2000)).toEqual([]);
    expect(gaps.resync([queue('accueil', 11, 3)], 3000)).toHaveLength(1);
  });

  it('starts each comparison from the last resync', () => {
    const gaps = new GapAccountant();
    gaps.resync([queue('accueil', 0, 0)], 1000);
    gaps.linkLost(1500);
    gaps.linkUp();
    expect(gaps.resync([queue('accueil', 1, 0)], 2000)).toHaveLength(1);
    gaps.countCompleted('accueil');
    gaps.linkLost(2500);
    gaps.linkUp();
    expect(gaps.resync([queue('accueil', 2, 0)], 3000)).toEqual([]);
  });
});
