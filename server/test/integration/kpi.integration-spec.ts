import { parisParts, parisWallClockToEpoch, type DomainEvent, type MemberStatus } from '@iris/shared';
import { IngestService } from '../../src/events/ingest.service.js';
import { ProjectorService } from '../../src/projector/projector.service.js';
import { KpiQueryService } from '../../src/calls/kpi-query.service.js';
import { LiveStateReader } from '../../src/calls/live-state.reader.js';
import { callEvents, storeApp, storeOptions } from './kpi-test-support.js';

/**
 * Dates are relative to yesterday (Paris): Redis forgets minute buckets 48 h after their
 * minute by the real clock, so the sequences must be recent for minute-level queries.
 */
const yesterday = parisParts(Date.now() - 86_400_000);
/** Paris wall clock `dayOffset` days after yesterday. */
function paris(dayOffset: number, hour = 0, minute = 0): number {
  return parisWallClockToEpoch(yesterday.year, yesterday.month, yesterday.day + dayOffset, hour, minute);
}

/** Hand-made call sequences through ingest, the projector and KPI queries on a real Redis. */
describe('KPI projections and queries', () => {
  let app: Awaited<ReturnType<typeof storeApp>>;
  let ingest: IngestService;
  let projector: ProjectorService;
  let kpis: KpiQueryService;

  beforeEach(async () => {
    app = await storeApp(storeOptions());
    ingest = app.get(IngestService);
    projector = app.get(ProjectorService);
    kpis = app.get(KpiQueryService);
    // "now" is the day after the sequences, so minute buckets are still kept.
    kpis.useClock(() => paris(1, 12, 0));
  });
  afterEach(async () => {
    await app.close();
  });

  async function project(events: DomainEvent[]): Promise<void> {
    await ingest.ingest(events);
    await projector.catchUp();
  }

  const nine = paris(0, 9, 0);
  const day = { from: paris(0), to: paris(1) };

  it('nothing offered: zero counts and no rate (never 100 %)', async () => {
    await project(callEvents('accueil', 'short-1', nine, { kind: 'abandoned', waitSeconds: 3 }));
    const f = await kpis.figures({ queue: 'accueil', ...day });
    expect(f).toMatchObject({ offered: 0, shortAbandoned: 1, pickupRate: null, serviceLevel: null });
    expect(await kpis.figures({ ...day })).toMatchObject({ offered: 0, shortAbandoned: 1, pickupRate: null });
    expect(await kpis.figures({ queue: 'etat-civil', ...day })).toMatchObject({ offered: 0, pickupRate: null });
  });

  it('an abandon at exactly the short-abandon threshold counts as abandoned, one second less is short', async () => {
    await project([
      ...callEvents('accueil', 'ab-5', nine, { kind: 'abandoned', waitSeconds: 5 }),
      ...callEvents('accueil', 'ab-4', nine + 60_000, { kind: 'abandoned', waitSeconds: 4 }),
      ...callEvents('accueil', 'ans-1', nine + 120_000, { kind: 'answered', waitSeconds: 20, talkSeconds: 100 }),
      ...callEvents('accueil', 'ans-2', nine + 180_000, { kind: 'answered', waitSeconds: 21, talkSeconds: 200 }),
    ]);
    const f = await kpis.figures({ queue: 'accueil', ...day });
    expect(f).toEqual({
      offered: 3,
      answered: 2,
      abandoned: 1,
      shortAbandoned: 1,
      timedOut: 0,
      exited: 0,
      answeredWithinServiceLevel: 1,
      pickupRate: 2 / 3,
      serviceLevel: 1 / 3,
      averageSpeedOfAnswer: 20.5,
      meanAbandonWait: 5,
      averageHandleTime: 150,
    });
  });

  it('a call timed out in A then answered in B: front office 1 answered; A 1 timed out, B 1 answered', async () => {
    await project([
      ...callEvents('accueil', 'uid-a', nine, { kind: 'timed_out', waitSeconds: 60 }, 'linked-1'),
      ...callEvents(
        'etat-civil',
        'uid-b',
        nine + 61_000,
        { kind: 'answered', waitSeconds: 8, talkSeconds: 90, serviceLevelSeconds: 30 },
        'linked-1',
      ),
    ]);
    expect(await kpis.figures({ queue: 'accueil', ...day })).toMatchObject({
      offered: 1,
      timedOut: 1,
      answered: 0,
      pickupRate: 0,
    });
    expect(await kpis.figures({ queue: 'etat-civil', ...day })).toMatchObject({
      offered: 1,
      answered: 1,
      pickupRate: 1,
      serviceLevel: 1,
    });
    expect(await kpis.figures(day)).toMatchObject({
      offered: 1,
      answered: 1,
      timedOut: 0,
      pickupRate: 1,
      answeredWithinServiceLevel: 1,
    });
    expect(await kpis.activeQueues()).toEqual(['accueil', 'etat-civil']);
  });

  it('the same sequence split over many projector batches gives the same front-office figures', async () => {
    const events = [
      ...callEvents('accueil', 'uid-a', nine, { kind: 'timed_out', waitSeconds: 60 }, 'linked-2'),
      ...callEvents(
        'etat-civil',
        'uid-b',
        nine + 120_000,
        { kind: 'answered', waitSeconds: 8, talkSeconds: 90 },
        'linked-2',
      ),
    ];
    for (const event of events) await project([event]);
    expect(await kpis.figures(day)).toMatchObject({ offered: 1, answered: 1, timedOut: 0 });
    // The retraction happened in the minute of the first outcome: that minute nets to zero.
    expect(await kpis.figures({ from: nine + 60_000, to: nine + 61_000 })).toMatchObject({ offered: 0, timedOut: 0 });
    expect(await kpis.figures({ from: nine + 128_000, to: nine + 129_000 })).toMatchObject({ offered: 1, answered: 1 });
  });

  it('a call that waits across midnight counts on the day it ends', async () => {
    const joined = paris(0, 23, 59) + 30_000;
    await project(callEvents('accueil', 'late', joined, { kind: 'answered', waitSeconds: 45, talkSeconds: 30 }));
    expect(await kpis.figures({ queue: 'accueil', from: paris(0), to: paris(1) })).toMatchObject({ offered: 0 });
    expect(await kpis.figures({ queue: 'accueil', from: paris(1), to: paris(2) })).toMatchObject({
      offered: 1,
      answered: 1,
    });
  });

  it('a period query sums day, hour and minute buckets without counting anything twice', async () => {
    const events: DomainEvent[] = [];
    // One answered call per hour from 8:00 to 17:00 on three days.
    for (const d of [-1, 0, 1]) {
      for (let h = 8; h < 18; h++)
        events.push(
          ...callEvents('accueil', `d${d}h${h}`, paris(d, h, 10), {
            kind: 'answered',
            waitSeconds: 10,
            talkSeconds: 60,
          }),
        );
    }
    await project(events);
    kpis.useClock(() => paris(2, 8, 0));
    expect(await kpis.figures({ from: paris(-14), to: paris(30) })).toMatchObject({ offered: 30, answered: 30 });
    expect(await kpis.figures({ from: paris(-1, 12, 0), to: paris(1, 12, 0) })).toMatchObject({ offered: 20 });
    // Ragged bounds: from 9:15 (the 9:10 call is out) to 11:11 (the 11:10 call is in).
    expect(await kpis.figures({ queue: 'accueil', from: paris(0, 9, 15), to: paris(0, 11, 11) })).toMatchObject({
      offered: 2,
    });
  });

  it('refuses a period that needs minute buckets no longer kept', async () => {
    kpis.useClock(() => paris(5, 12, 0));
    await expect(kpis.figures({ from: paris(0, 9, 15), to: paris(0, 11, 0) })).rejects.toMatchObject({
      code: 'KPI_PERIOD_TOO_FINE',
    });
    await expect(kpis.figures({ from: paris(0, 9, 0), to: paris(0, 11, 0) })).resolves.toMatchObject({ offered: 0 });
  });

  it('live views: waiting callers with positions, members, calls in progress, agents and windows', async () => {
    const agent = { interface: 'Local/1001@agents/n', name: 'Agent 1001' };
    const status: MemberStatus = {
      deviceState: 'not_in_use',
      paused: false,
      pausedReason: '',
      inCall: false,
      callsTaken: 0,
      lastCallAt: 0,
      penalty: 0,
      membership: 'static',
    };
    const queued = (callId: string, at: number, position: number): DomainEvent => ({
      id: `q:${callId}`,
      type: 'call.queued',
      v: 1,
      at,
      source: 'ami',
      data: {
        callId,
        linkedId: callId,
        queue: 'accueil',
        callerNumber: `+3314600000${position}`,
        callerName: null,
        position,
      },
    });
    await project([
      {
        id: 'm:add',
        type: 'member.added',
        v: 1,
        at: nine - 60_000,
        source: 'ami',
        data: { queue: 'accueil', agent, status },
      },
      queued('c1', nine, 1),
      queued('c2', nine + 1000, 2),
      queued('c3', nine + 2000, 3),
      {
        id: 'a:c1',
        type: 'call.answered',
        v: 1,
        at: nine + 10_000,
        source: 'ami',
        data: {
          callId: 'c1',
          linkedId: 'c1',
          queue: 'accueil',
          agent,
          holdSeconds: 10,
          ringSeconds: 2,
          serviceLevelSeconds: 20,
        },
      },
      {
        id: 'x:c2',
        type: 'call.abandoned',
        v: 1,
        at: nine + 12_000,
        source: 'ami',
        data: { callId: 'c2', linkedId: 'c2', queue: 'accueil', waitSeconds: 11, position: 1 },
      },
      {
        id: 'p:1001',
        type: 'member.paused',
        v: 1,
        at: nine + 20_000,
        source: 'ami',
        data: { queue: 'accueil', agent, reason: 'iris:desk' },
      },
    ]);
    const now = nine + 30_000;
    kpis.useClock(() => now);
    const reader = app.get(LiveStateReader);
    const queue = await reader.queueState('accueil', now);
    expect(queue).not.toBeNull();
    expect(queue!.waiting).toEqual([
      { callId: 'c3', callerNumber: '+33146000003', callerName: null, position: 1, joinedAt: nine + 2000 },
    ]);
    expect(queue!.callsInProgress).toBe(1);
    expect(queue!.members).toEqual([
      {
        agentId: '1001',
        interface: agent.interface,
        name: 'Agent 1001',
        deviceState: 'not_in_use',
        paused: true,
        pausedReason: 'iris:desk',
        inCall: false,
      },
    ]);
    expect(queue!.kpis.last15m).toMatchObject({ offered: 2, answered: 1, abandoned: 1, pickupRate: 0.5 });
    expect(queue!.kpis.today).toMatchObject({ offered: 2 });

    const panel = await reader.agentPanelState('1001', now);
    expect(panel!.agent).toMatchObject({
      agentId: '1001',
      name: 'Agent 1001',
      mode: 'desk',
      callsToday: 1,
      currentCall: { callId: 'c1', queue: 'accueil', callerNumber: '+33146000001', since: nine + 10_000 },
      queues: ['accueil'],
    });
    // The next Paris day, yesterday's counters read as zero.
    expect((await reader.agentPanelState('1001', paris(1, 9, 0)))!.agent.callsToday).toBe(0);

    const supervisor = await reader.supervisorState(now);
    expect(Object.keys(supervisor.queues)).toEqual(['accueil']);
    expect(Object.keys(supervisor.agents)).toEqual(['1001']);
    expect(supervisor.frontOffice.lastHour).toMatchObject({ offered: 2, answered: 1 });
    expect(await reader.queueState('nope', now)).toBeNull();
    expect(await reader.agentPanelState('9999', now)).toBeNull();
  });
  it('records telephony gaps so they can be shown, without touching the KPIs', async () => {
    const gap = (queue: string, at: number): DomainEvent => ({
      id: `gap:${queue}:${at}`,
      type: 'telephony.gap',
      v: 1,
      at,
      source: 'ami',
      data: { queue, missedCompleted: 2, missedAbandoned: 1, disconnectedAt: at - 60_000, reconnectedAt: at },
    });
    await project([gap('accueil', nine), gap('etat-civil', nine + 1000)]);
    const gaps = await app.get(LiveStateReader).telephonyGaps();
    expect(gaps).toEqual([
      {
        queue: 'accueil',
        missedCompleted: 2,
        missedAbandoned: 1,
        disconnectedAt: nine - 60_000,
        reconnectedAt: nine,
        at: nine,
      },
      {
        queue: 'etat-civil',
        missedCompleted: 2,
        missedAbandoned: 1,
        disconnectedAt: nine - 59_000,
        reconnectedAt: nine + 1000,
        at: nine + 1000,
      },
    ]);
    expect(await kpis.figures(day)).toMatchObject({ offered: 0, answered: 0 });
  });
});
