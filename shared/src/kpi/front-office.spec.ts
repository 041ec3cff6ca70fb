import {
  frontOfficeOutcome,
  mergeFrontOfficeOutcome,
  negateCounters,
  type FrontOfficeOutcome,
} from './front-office.js';
import {
  addCounters,
  countersForOutcome,
  emptyCounters,
  figuresFromCounters,
  type KpiCounters,
  type QueueCallOutcome,
} from './queue-kpis.js';

function apply(counters: KpiCounters, delta: Partial<KpiCounters>): KpiCounters {
  return addCounters(counters, { ...emptyCounters(), ...delta });
}

/** Folds the queue outcomes of one call (in order) into front-office counters, as the projection does. */
function frontOffice(outcomes: QueueCallOutcome[]): KpiCounters {
  let counters = emptyCounters();
  let current: FrontOfficeOutcome | null = null;
  outcomes.forEach((outcome, i) => {
    const change = mergeFrontOfficeOutcome(current, frontOfficeOutcome(outcome, 1000 * i));
    if (change.retract) counters = apply(counters, negateCounters(change.retract.counters));
    if (change.count) counters = apply(counters, change.count.counters);
    current = change.current;
  });
  return counters;
}

const answered = (waitSeconds: number): QueueCallOutcome => ({
  kind: 'answered',
  waitSeconds,
  serviceLevelSeconds: 20,
});

describe('front-office totals: one inbound call counts once', () => {
  it('nothing offered gives no rate, never 100 %', () => {
    const f = figuresFromCounters(emptyCounters());
    expect(f).toMatchObject({ offered: 0, pickupRate: null, serviceLevel: null, averageSpeedOfAnswer: null });
    const onlyShort = figuresFromCounters(frontOffice([{ kind: 'abandoned', waitSeconds: 2 }]));
    expect(onlyShort).toMatchObject({ offered: 0, shortAbandoned: 1, pickupRate: null });
  });

  it('an abandon after exactly the short-abandon threshold is a real abandon', () => {
    expect(countersForOutcome({ kind: 'abandoned', waitSeconds: 5 }, 5)).toEqual({
      abandoned: 1,
      abandonedWaitSeconds: 5,
    });
    expect(countersForOutcome({ kind: 'abandoned', waitSeconds: 4 }, 5)).toEqual({ shortAbandoned: 1 });
    expect(figuresFromCounters(frontOffice([{ kind: 'abandoned', waitSeconds: 5 }]))).toMatchObject({
      offered: 1,
      abandoned: 1,
      pickupRate: 0,
    });
  });

  it('timed out in A then answered in B: one answered call', () => {
    const f = figuresFromCounters(frontOffice([{ kind: 'timed_out', waitSeconds: 60 }, answered(12)]));
    expect(f).toMatchObject({ offered: 1, answered: 1, timedOut: 0, pickupRate: 1, answeredWithinServiceLevel: 1 });
  });

  it('answered in A, transferred and answered again in B: still one answered call', () => {
    const f = figuresFromCounters(frontOffice([answered(3), answered(40)]));
    expect(f).toMatchObject({ offered: 1, answered: 1, answeredWithinServiceLevel: 1 });
  });

  it('answered in A, then abandoned in B after a transfer: answered, since an agent answered it', () => {
    expect(figuresFromCounters(frontOffice([answered(3), { kind: 'abandoned', waitSeconds: 30 }]))).toMatchObject({
      offered: 1,
      answered: 1,
      abandoned: 0,
    });
  });

  it('timed out in A, then abandoned in B: the caller gave up, one abandon', () => {
    expect(
      figuresFromCounters(
        frontOffice([
          { kind: 'timed_out', waitSeconds: 60 },
          { kind: 'abandoned', waitSeconds: 9 },
        ]),
      ),
    ).toMatchObject({
      offered: 1,
      abandoned: 1,
      timedOut: 0,
    });
  });

  it('retracting moves the call to the bucket of its final outcome', () => {
    const first = frontOfficeOutcome({ kind: 'exited', waitSeconds: 8 }, 1_000);
    const change = mergeFrontOfficeOutcome(first, frontOfficeOutcome(answered(5), 90_000));
    expect(change.retract).toEqual(first);
    expect(change.count).toMatchObject({ kind: 'answered', at: 90_000 });
    expect(negateCounters({ exited: 1, answered: 0 })).toEqual({ exited: -1 });
  });
});
