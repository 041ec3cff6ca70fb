import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import {
  countersForOutcome,
  emptyCounters,
  figuresFromCounters,
  KPI_COUNTER_FIELDS,
  parisWallClockToEpoch,
  type DomainEvent,
  type KpiCounters,
  type QueueCallOutcome,
  type SupervisorState,
} from '@iris/shared';
import { Clock } from '../health/clock.js';
import { LIVE_STATE_SOURCE } from '../live/live-state.source.js';
import { promtoolCheckMetrics, sampleValue, samplesOf } from './exposition-test-support.js';
import {
  METRICS_EVENT_LOG,
  METRICS_INTAKE_REJECTIONS,
  METRICS_KPI_FIGURES,
  METRICS_PROJECTOR_STATUS,
  METRICS_REQUEST_COUNTS,
  METRICS_SOCKET_CLIENTS,
  METRICS_TELEPHONY_STATUS,
  type KpiFiguresSource,
  type MetricsSettings,
} from './metrics-sources.js';
import { MetricsModule } from './metrics.module.js';
import { DEFAULT_OPENING_HOURS } from './opening-hours.js';

/** Given: outcomes known at given instants, summed the way the store's buckets sum them. */
class OutcomeLedger implements KpiFiguresSource {
  readonly outcomes: Array<{ at: number; queue: string; outcome: QueueCallOutcome }> = [];
  failing = false;

  async figures(query: { queue?: string; from: number; to: number }) {
    if (this.failing) throw new Error('Redis unreachable');
    const sum: KpiCounters = emptyCounters();
    for (const { at, queue, outcome } of this.outcomes) {
      if (at < query.from || at >= query.to || (query.queue !== undefined && query.queue !== queue)) continue;
      const add = countersForOutcome(outcome);
      for (const field of KPI_COUNTER_FIELDS) sum[field] += add[field] ?? 0;
    }
    return figuresFromCounters(sum);
  }

  async activeQueues() {
    return [...new Set(this.outcomes.map((o) => o.queue))].sort();
  }

  async firstActivityAt() {
    return this.outcomes.length === 0 ? null : Math.min(...this.outcomes.map((o) => o.at));
  }
}

class SettableClock extends Clock {
  constructor(public time: number) {
    super();
  }
  override now(): number {
    return this.time;
  }
}

// Monday 12 January 2026, 10:00 in Paris (09:00 UTC): open.
const MONDAY_10H = parisWallClockToEpoch(2026, 1, 12, 10, 0);
const SUNDAY_10H = parisWallClockToEpoch(2026, 1, 11, 10, 0);
const YESTERDAY_EVENING = parisWallClockToEpoch(2026, 1, 11, 23, 59);

const answered = (waitSeconds: number): QueueCallOutcome => ({
  kind: 'answered',
  waitSeconds,
  serviceLevelSeconds: 20,
});

function supervisorState(now: number): SupervisorState {
  const noKpis = figuresFromCounters(emptyCounters());
  const windows = { last15m: noKpis, lastHour: noKpis, today: noKpis };
  return {
    serverTime: now,
    pickupRateTarget: 0.91,
    frontOffice: windows,
    telephony: { state: 'connected', since: 0 },
    queues: {
      accueil: {
        queue: 'accueil',
        serviceLevelSeconds: 20,
        members: [],
        callsInProgress: 2,
        kpis: windows,
        waiting: [
          {
            callId: '1700000000.1',
            callerNumber: '0612345678',
            callerName: 'Mme Durand',
            position: 1,
            joinedAt: now - 95_000,
          },
          { callId: '1700000000.2', callerNumber: '0698765432', callerName: null, position: 2, joinedAt: now - 10_000 },
        ],
      },
      'etat-civil': {
        queue: 'etat-civil',
        serviceLevelSeconds: 30,
        members: [],
        callsInProgress: 0,
        kpis: windows,
        waiting: [],
      },
    },
    agents: {
      a1: agent('a1', 'phone', 'in_use'),
      a2: agent('a2', 'phone', 'not_in_use'),
      a3: agent('a3', 'desk', 'not_in_use'),
    },
  };
}

function agent(agentId: string, mode: 'phone' | 'desk', deviceState: 'in_use' | 'not_in_use') {
  return {
    agentId,
    name: agentId,
    mode,
    pendingMode: null,
    deviceState,
    since: 0,
    callsToday: 0,
    talkSecondsToday: 0,
    currentCall: null,
    queues: ['accueil'],
  } as const;
}

const settings = (token?: string): MetricsSettings => ({
  token,
  pickupRateTarget: 0.91,
  openingHours: DEFAULT_OPENING_HOURS,
  closedOnPublicHolidays: true,
});

interface Harness {
  app: INestApplication;
  clock: SettableClock;
  scrape(authorization?: string): Promise<{ status: number; body: string; contentType: string | null }>;
  /** Appends to the event log the app follows. */
  append(events: DomainEvent[]): void;
}

/** Given: an event log as the store keeps it (stream ids in order, each event once). */
class EventLog {
  readonly entries: Array<{ streamId: string; event: DomainEvent }> = [];
  append(events: DomainEvent[]): void {
    for (const event of events) this.entries.push({ streamId: `${this.entries.length + 1}-0`, event });
  }
  async head() {
    return { lastStreamId: this.entries.at(-1)?.streamId ?? '0-0' };
  }
  async readAfter(after: string, count: number) {
    const events = this.entries
      .filter((e) => Number(e.streamId.split('-')[0]) > Number(after.split('-')[0]))
      .slice(0, count);
    return { events, lastStreamId: events.at(-1)?.streamId ?? null };
  }
}

async function startApp(
  options: {
    ledger?: OutcomeLedger;
    token?: string;
    withLiveState?: boolean;
    withInstanceSources?: boolean;
    log?: EventLog;
  } = {},
): Promise<Harness> {
  const clock = new SettableClock(MONDAY_10H);
  const log = options.log ?? new EventLog();
  const providers = [];
  if (options.ledger) providers.push({ provide: METRICS_KPI_FIGURES, useValue: options.ledger });
  if (options.withLiveState)
    providers.push({
      provide: LIVE_STATE_SOURCE,
      useValue: { supervisorState: async (now: number) => supervisorState(now) },
    });
  if (options.withInstanceSources) {
    providers.push(
      {
        provide: METRICS_TELEPHONY_STATUS,
        useValue: {
          status: () => ({
            state: 'connected',
            since: MONDAY_10H - 60_000,
            lastEventAt: MONDAY_10H - 1_000,
            reconnects: 3,
            framesRejected: {
              malformed_line: 0,
              oversized: 0,
              truncated: 2,
              missing_type: 0,
              invalid_field: 1,
              'a reason nobody declared': 4,
            },
          }),
        },
      },
      {
        provide: METRICS_INTAKE_REJECTIONS,
        useValue: {
          snapshot: () => [
            { channel: 'email', reason: 'too_large', count: 2 },
            { channel: 'sms', reason: 'signature', count: 5 },
            { channel: 'fax', reason: 'jammed', count: 1 },
          ],
        },
      },
      {
        provide: METRICS_PROJECTOR_STATUS,
        useValue: { status: async () => ({ holder: true, projected: 1234, lagEvents: 5, lagMs: 1500 }) },
      },
      {
        provide: METRICS_SOCKET_CLIENTS,
        useValue: { clientsByRoom: () => ({ supervisor: 2, 'queue:accueil': 1, 'agent:a1': 1, 'agent:a2': 1 }) },
      },
      { provide: METRICS_EVENT_LOG, useValue: log },
      {
        provide: METRICS_REQUEST_COUNTS,
        useValue: {
          requestCounts: async () => [
            { channel: 'email', service: 'etat-civil', count: 7 },
            { channel: 'email', service: 'urbanisme', count: 2 },
            { channel: 'email', service: '', count: 3 },
            { channel: 'sms', service: '', count: 1 },
          ],
        },
      },
    );
  }
  const moduleRef = await Test.createTestingModule({
    imports: [MetricsModule.forRoot(settings(options.token))],
    providers,
  })
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.listen(0, '127.0.0.1');
  const url = `${await app.getUrl()}/metrics`.replace('[::1]', '127.0.0.1');
  return {
    app,
    clock,
    async scrape(authorization) {
      const response = await fetch(url, { headers: authorization ? { authorization } : {} });
      return {
        status: response.status,
        body: await response.text(),
        contentType: response.headers.get('content-type'),
      };
    },
    append: (events) => log.append(events),
  };
}

const apps: INestApplication[] = [];
async function started(options: Parameters<typeof startApp>[0]): Promise<Harness> {
  const harness = await startApp(options);
  apps.push(harness.app);
  return harness;
}
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

describe('GET /metrics', () => {
  it('counts every queue call once since the beginning, from the store, across midnight and as calls come', async () => {
    const ledger = new OutcomeLedger();
    ledger.outcomes.push(
      { at: YESTERDAY_EVENING, queue: 'accueil', outcome: answered(12) },
      { at: YESTERDAY_EVENING, queue: 'accueil', outcome: { kind: 'abandoned', waitSeconds: 40 } },
      { at: MONDAY_10H - 3_600_000, queue: 'accueil', outcome: answered(25) },
      { at: MONDAY_10H - 60_000, queue: 'accueil', outcome: { kind: 'abandoned', waitSeconds: 3 } },
      { at: MONDAY_10H - 60_000, queue: 'etat-civil', outcome: { kind: 'timed_out', waitSeconds: 300 } },
      { at: MONDAY_10H - 30_000, queue: 'etat-civil', outcome: { kind: 'exited', waitSeconds: 8 } },
    );
    const { scrape, clock } = await started({ ledger });
    const first = (await scrape()).body;
    expect(sampleValue(first, 'iris_queue_calls_total', { queue: 'accueil', outcome: 'answered' })).toBe(2);
    expect(sampleValue(first, 'iris_queue_calls_total', { queue: 'accueil', outcome: 'abandoned' })).toBe(1);
    expect(sampleValue(first, 'iris_queue_calls_total', { queue: 'accueil', outcome: 'short_abandoned' })).toBe(1);
    expect(sampleValue(first, 'iris_queue_calls_total', { queue: 'accueil', outcome: 'timed_out' })).toBe(0);
    expect(sampleValue(first, 'iris_queue_calls_total', { queue: 'etat-civil', outcome: 'timed_out' })).toBe(1);
    expect(sampleValue(first, 'iris_queue_calls_total', { queue: 'etat-civil', outcome: 'exited' })).toBe(1);
    // 12 s is within the 20 s service level, 25 s is not.
    expect(sampleValue(first, 'iris_queue_calls_answered_within_service_level_total', { queue: 'accueil' })).toBe(1);
    expect(sampleValue(first, 'iris_front_office_calls', { outcome: 'answered' })).toBe(2);
    expect(sampleValue(first, 'iris_front_office_calls', { outcome: 'timed_out' })).toBe(1);
    expect(sampleValue(first, 'iris_front_office_calls_answered_within_service_level')).toBe(1);

    // A new call answered a minute later: the counter moves by exactly one.
    clock.time = MONDAY_10H + 60_000;
    ledger.outcomes.push({ at: MONDAY_10H + 30_000, queue: 'accueil', outcome: answered(5) });
    const second = (await scrape()).body;
    expect(sampleValue(second, 'iris_queue_calls_total', { queue: 'accueil', outcome: 'answered' })).toBe(3);
    expect(sampleValue(second, 'iris_queue_calls_answered_within_service_level_total', { queue: 'accueil' })).toBe(2);
  });

  it('serves the same business values from two replicas reading the same store (rules take max, never sum)', async () => {
    const ledger = new OutcomeLedger();
    ledger.outcomes.push(
      { at: MONDAY_10H - 60_000, queue: 'accueil', outcome: answered(12) },
      { at: MONDAY_10H - 50_000, queue: 'accueil', outcome: answered(30) },
    );
    const [a, b] = [await started({ ledger, withLiveState: true }), await started({ ledger, withLiveState: true })];
    const [bodyA, bodyB] = [(await a.scrape()).body, (await b.scrape()).body];
    const business = (body: string) =>
      body
        .split('\n')
        .filter((line) =>
          /^iris_(queue_calls|front_office|queue_callers|queue_longest|agents|pickup|front_office_open)/.test(line),
        );
    expect(business(bodyA).length).toBeGreaterThan(10);
    expect(business(bodyA)).toEqual(business(bodyB));
  });

  it('shows live queues and agents with bounded labels: no caller number, no call id', async () => {
    const { scrape } = await started({ withLiveState: true });
    const { body } = await scrape();
    expect(sampleValue(body, 'iris_queue_callers_waiting', { queue: 'accueil' })).toBe(2);
    expect(sampleValue(body, 'iris_queue_callers_waiting', { queue: 'etat-civil' })).toBe(0);
    expect(sampleValue(body, 'iris_queue_longest_wait_seconds', { queue: 'accueil' })).toBe(95);
    expect(sampleValue(body, 'iris_queue_longest_wait_seconds', { queue: 'etat-civil' })).toBe(0);
    expect(sampleValue(body, 'iris_queue_calls_in_progress', { queue: 'accueil' })).toBe(2);
    expect(sampleValue(body, 'iris_agents', { mode: 'phone', state: 'in_use' })).toBe(1);
    expect(sampleValue(body, 'iris_agents', { mode: 'phone', state: 'not_in_use' })).toBe(1);
    expect(sampleValue(body, 'iris_agents', { mode: 'desk', state: 'not_in_use' })).toBe(1);
    expect(body).not.toMatch(/0612345678|0698765432|1700000000|Durand/);
  });

  it('exports the target and whether the town hall is open, in Paris time', async () => {
    const { scrape, clock } = await started({});
    expect(sampleValue((await scrape()).body, 'iris_pickup_rate_target_ratio')).toBe(0.91);
    expect(sampleValue((await scrape()).body, 'iris_front_office_open')).toBe(1);
    clock.time = SUNDAY_10H;
    expect(sampleValue((await scrape()).body, 'iris_front_office_open')).toBe(0);
  });

  it('reports the AMI link, projector and socket rooms of this replica', async () => {
    const { scrape } = await started({ withInstanceSources: true });
    const { body } = await scrape();
    expect(sampleValue(body, 'iris_ami_link_up')).toBe(1);
    expect(sampleValue(body, 'iris_ami_link_state', { state: 'connected' })).toBe(1);
    expect(sampleValue(body, 'iris_ami_link_state', { state: 'disconnected' })).toBe(0);
    expect(sampleValue(body, 'iris_ami_reconnects_total')).toBe(3);
    // Each reason apart, the normaliser's with the parser's; an undeclared one as "other"; all known from 0.
    expect(sampleValue(body, 'iris_ami_frames_rejected_total', { reason: 'truncated' })).toBe(2);
    expect(sampleValue(body, 'iris_ami_frames_rejected_total', { reason: 'invalid_field' })).toBe(1);
    expect(sampleValue(body, 'iris_ami_frames_rejected_total', { reason: 'other' })).toBe(4);
    expect(sampleValue(body, 'iris_ami_frames_rejected_total', { reason: 'stale_call_evicted' })).toBe(0);
    expect(
      samplesOf(body, 'iris_ami_frames_rejected_total')
        .map((s) => s.labels.reason)
        .sort(),
    ).toEqual(
      [
        'malformed_line',
        'oversized',
        'truncated',
        'missing_type',
        'missing_field',
        'invalid_field',
        'internal_error',
        'stale_call_evicted',
        'other',
      ].sort(),
    );
    expect(body).not.toContain('unspecified');
    expect(sampleValue(body, 'iris_intake_rejected_total', { channel: 'email', reason: 'too_large' })).toBe(2);
    expect(sampleValue(body, 'iris_intake_rejected_total', { channel: 'sms', reason: 'signature' })).toBe(5);
    expect(sampleValue(body, 'iris_intake_rejected_total', { channel: 'mail', reason: 'scan' })).toBe(0);
    expect(sampleValue(body, 'iris_intake_rejected_total', { channel: 'other', reason: 'other' })).toBe(1);
    expect(body).not.toMatch(/fax|jammed|nobody declared/);
    expect(sampleValue(body, 'iris_ami_last_event_timestamp_seconds')).toBe((MONDAY_10H - 1_000) / 1000);
    expect(sampleValue(body, 'iris_projector_running')).toBe(1);
    expect(sampleValue(body, 'iris_projector_lag_seconds')).toBe(1.5);
    expect(sampleValue(body, 'iris_projector_lag_events')).toBe(5);
    expect(sampleValue(body, 'iris_socket_clients', { room: 'agent' })).toBe(2);
    expect(sampleValue(body, 'iris_socket_clients', { room: 'supervisor' })).toBe(2);
    expect(sampleValue(body, 'iris_socket_clients', { room: 'queue:accueil' })).toBe(1);
  });

  it('counts requests by channel once, routed ones by service, and those awaiting routing apart', async () => {
    const { scrape } = await started({ withInstanceSources: true });
    const { body } = await scrape();
    expect(sampleValue(body, 'iris_requests_total', { channel: 'email' })).toBe(12);
    expect(sampleValue(body, 'iris_requests_total', { channel: 'sms' })).toBe(1);
    expect(sampleValue(body, 'iris_requests_routed_total', { channel: 'email', service: 'etat-civil' })).toBe(7);
    expect(sampleValue(body, 'iris_requests_routed_total', { channel: 'email', service: 'urbanisme' })).toBe(2);
    expect(samplesOf(body, 'iris_requests_routed_total', { service: '' })).toEqual([]);
    expect(sampleValue(body, 'iris_requests_awaiting_routing', { channel: 'email' })).toBe(3);
    expect(sampleValue(body, 'iris_requests_awaiting_routing', { channel: 'sms' })).toBe(1);
  });

  it('builds wait and talk histograms from the event log since start, with edges at the service-level thresholds', async () => {
    const log = new EventLog();
    const ref = (n: number) => ({ callId: `c${n}`, linkedId: `c${n}`, queue: 'accueil' });
    const agentRef = { agentId: 'a1', interface: 'PJSIP/201', name: 'Agent 1' };
    const event = (id: string, type: string, data: object) =>
      ({ id, type, v: 1, at: MONDAY_10H, source: 'ami', data }) as unknown as DomainEvent;
    const batch = [
      event('e1', 'call.answered', {
        ...ref(1),
        agent: agentRef,
        holdSeconds: 20,
        ringSeconds: 2,
        serviceLevelSeconds: 20,
      }),
      event('e2', 'call.answered', {
        ...ref(2),
        agent: agentRef,
        holdSeconds: 21,
        ringSeconds: 2,
        serviceLevelSeconds: 20,
      }),
      event('e3', 'call.abandoned', { ...ref(3), waitSeconds: 4, position: 1 }),
      event('e4', 'call.ended', { ...ref(1), agent: agentRef, holdSeconds: 20, talkSeconds: 125, endedBy: 'caller' }),
    ];
    // History logged before this replica started is not observed: its rates start at zero.
    log.append([
      event('old', 'call.answered', {
        ...ref(0),
        agent: agentRef,
        holdSeconds: 3,
        ringSeconds: 1,
        serviceLevelSeconds: 20,
      }),
    ]);
    const { scrape, append } = await started({ withInstanceSources: true, log });
    append(batch);
    await scrape();
    // A second scrape reads nothing new: nothing is observed twice.
    const { body } = await scrape();
    expect(
      sampleValue(body, 'iris_queue_wait_seconds_bucket', { queue: 'accueil', outcome: 'answered', le: '5' }),
    ).toBe(0);
    expect(
      sampleValue(body, 'iris_queue_wait_seconds_bucket', { queue: 'accueil', outcome: 'answered', le: '20' }),
    ).toBe(1);
    expect(
      sampleValue(body, 'iris_queue_wait_seconds_bucket', { queue: 'accueil', outcome: 'answered', le: '30' }),
    ).toBe(2);
    expect(sampleValue(body, 'iris_queue_wait_seconds_count', { queue: 'accueil', outcome: 'answered' })).toBe(2);
    expect(
      sampleValue(body, 'iris_queue_wait_seconds_bucket', { queue: 'accueil', outcome: 'short_abandoned', le: '5' }),
    ).toBe(1);
    expect(sampleValue(body, 'iris_queue_talk_seconds_bucket', { queue: 'accueil', le: '120' })).toBe(0);
    expect(sampleValue(body, 'iris_queue_talk_seconds_bucket', { queue: 'accueil', le: '180' })).toBe(1);
  });

  it('leaves out what the app does not provide, and what fails, instead of serving zeros', async () => {
    const ledger = new OutcomeLedger();
    ledger.outcomes.push({ at: MONDAY_10H - 60_000, queue: 'accueil', outcome: answered(12) });
    const { scrape } = await started({ ledger });
    const healthy = (await scrape()).body;
    expect(samplesOf(healthy, 'iris_queue_calls_total').length).toBe(5);
    expect(samplesOf(healthy, 'iris_ami_link_up')).toEqual([]);
    expect(samplesOf(healthy, 'iris_projector_lag_seconds')).toEqual([]);
    expect(samplesOf(healthy, 'process_cpu_seconds_total').length).toBe(1);
    ledger.failing = true;
    const failing = (await scrape()).body;
    expect(samplesOf(failing, 'iris_queue_calls_total')).toEqual([]);
    expect(samplesOf(failing, 'iris_front_office_calls')).toEqual([]);
    expect(sampleValue(failing, 'iris_metrics_source_errors_total', { source: 'kpi_figures' })).toBe(1);
    ledger.failing = false;
    expect(
      sampleValue((await scrape()).body, 'iris_queue_calls_total', { queue: 'accueil', outcome: 'answered' }),
    ).toBe(1);
  });

  it('passes promtool check metrics with everything present', async () => {
    const ledger = new OutcomeLedger();
    ledger.outcomes.push({ at: MONDAY_10H - 60_000, queue: 'accueil', outcome: answered(12) });
    const { scrape, append } = await started({ ledger, withLiveState: true, withInstanceSources: true });
    append([
      {
        id: 'e1',
        type: 'call.exited',
        v: 1,
        at: MONDAY_10H,
        source: 'ami',
        data: { callId: 'c', linkedId: 'c', queue: 'accueil', waitSeconds: 9, reason: 'key' },
      } as unknown as DomainEvent,
    ]);
    const { status, body, contentType } = await scrape();
    expect(status).toBe(200);
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(body).toMatch(/iris_queue_wait_seconds_bucket/);
    expect(promtoolCheckMetrics(body)).toEqual({ status: 0, output: '' });
  });

  it('asks for the bearer token when METRICS_TOKEN is set', async () => {
    const { scrape } = await started({ token: 's3cret-token' });
    const missing = await scrape();
    expect(missing.status).toBe(401);
    expect(JSON.parse(missing.body)).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect((await scrape('Bearer wrong')).status).toBe(401);
    expect((await scrape('Basic s3cret-token')).status).toBe(401);
    const allowed = await scrape('Bearer s3cret-token');
    expect(allowed.status).toBe(200);
    expect(sampleValue(allowed.body, 'iris_front_office_open')).toBe(1);
  });
});
