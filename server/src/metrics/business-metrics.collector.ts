import { Counter, Gauge, type Registry } from 'prom-client';
import { CallTotalsReader, type CallTotals } from './call-totals.reader.js';
import type { MetricsSourcesResolver } from './metrics-sources.resolver.js';
import { isOpen, parseOpeningHours, type OpeningHours } from './opening-hours.js';
import type { MetricsSettings } from './metrics-sources.js';
import type { SourceHealth } from './source-health.js';
import { UnlabelledSample } from './unlabelled-sample.js';

/** The outcome label values, in DESIGN.md's words. */
export const CALL_OUTCOMES = ['answered', 'abandoned', 'short_abandoned', 'timed_out', 'exited'] as const;

const OUTCOME_FIELDS: Record<(typeof CALL_OUTCOMES)[number], keyof CallTotals> = {
  answered: 'answered',
  abandoned: 'abandoned',
  short_abandoned: 'shortAbandoned',
  timed_out: 'timedOut',
  exited: 'exited',
};

/**
 * Business metrics, read from the shared Redis projections through the store's services:
 * every replica serves the same values, so Prometheus rules take `max without (instance)`
 * (prometheus/README.md). Values are set at each scrape; when a source fails, its series
 * are left out of that scrape rather than served stale or as zero.
 */
export class BusinessMetricsCollector {
  private readonly queueCalls: Counter<'queue' | 'outcome'>;
  private readonly queueWithinServiceLevel: Counter<'queue'>;
  private readonly frontOfficeCalls: Gauge<'outcome'>;
  private readonly frontOfficeWithinServiceLevel: UnlabelledSample;
  private readonly callersWaiting: Gauge<'queue'>;
  private readonly longestWait: Gauge<'queue'>;
  private readonly callsInProgress: Gauge<'queue'>;
  private readonly agents: Gauge<'mode' | 'state'>;
  private readonly pickupRateTarget: Gauge;
  private readonly openingHoursOpen: Gauge;
  private readonly requests: Counter<'channel'>;
  private readonly requestsRouted: Counter<'channel' | 'service'>;
  private readonly requestsAwaitingRouting: Gauge<'channel'>;
  private readonly deskTicketsWaiting: UnlabelledSample;
  private readonly deskTicketsInService: UnlabelledSample;
  private readonly deskTicketsClosedToday: Gauge<'outcome'>;
  private readonly openingHours: OpeningHours;
  /** Queues ever seen, so a queue's counters do not vanish when it is momentarily absent from live state. */
  private readonly knownQueues = new Set<string>();
  private totalsReader: CallTotalsReader | null = null;

  constructor(
    registry: Registry,
    private readonly sources: MetricsSourcesResolver,
    private readonly settings: MetricsSettings,
    private readonly health: SourceHealth,
  ) {
    const registers = [registry];
    this.openingHours = parseOpeningHours(settings.openingHours, settings.closedOnPublicHolidays);
    this.queueCalls = new Counter({
      name: 'iris_queue_calls_total',
      help: 'Queue calls (one caller in one queue) by outcome, counted when the outcome is known. Same value on every replica.',
      labelNames: ['queue', 'outcome'],
      registers,
    });
    this.queueWithinServiceLevel = new Counter({
      name: 'iris_queue_calls_answered_within_service_level_total',
      help: "Queue calls answered within the queue's service-level seconds. Same value on every replica.",
      labelNames: ['queue'],
      registers,
    });
    this.frontOfficeCalls = new Gauge({
      name: 'iris_front_office_calls',
      help: 'Inbound calls counted once each (by Linkedid) by current outcome, since 2000. A gauge: an outcome can be replaced (timed out in one queue, then answered in another); use delta(). Same value on every replica.',
      labelNames: ['outcome'],
      registers,
    });
    this.frontOfficeWithinServiceLevel = new UnlabelledSample(registry, 'gauge', {
      name: 'iris_front_office_calls_answered_within_service_level',
      help: 'Inbound calls answered within the service level, counted once each, since 2000 (a gauge, use delta()).',
    });
    this.callersWaiting = new Gauge({
      name: 'iris_queue_callers_waiting',
      help: 'Callers waiting in the queue now.',
      labelNames: ['queue'],
      registers,
    });
    this.longestWait = new Gauge({
      name: 'iris_queue_longest_wait_seconds',
      help: 'Wait so far of the oldest caller still waiting in the queue (0 when nobody waits).',
      labelNames: ['queue'],
      registers,
    });
    this.callsInProgress = new Gauge({
      name: 'iris_queue_calls_in_progress',
      help: 'Queue calls answered and not ended yet.',
      labelNames: ['queue'],
      registers,
    });
    this.agents = new Gauge({
      name: 'iris_agents',
      help: 'Agents by mode (phone, desk, mail, break, offline) and device state.',
      labelNames: ['mode', 'state'],
      registers,
    });
    this.pickupRateTarget = new Gauge({
      name: 'iris_pickup_rate_target_ratio',
      help: 'Contract target of the pickup rate (0-1).',
      registers,
    });
    this.openingHoursOpen = new Gauge({
      name: 'iris_front_office_open',
      help: 'Whether the town hall is open now (1) or closed (0), in Europe/Paris time, public holidays closed.',
      registers,
    });
    this.requests = new Counter({
      name: 'iris_requests_total',
      help: 'Requests received since the beginning, by channel (desk, phone, mail, email, sms). Same value on every replica.',
      labelNames: ['channel'],
      registers,
    });
    this.requestsRouted = new Counter({
      name: 'iris_requests_routed_total',
      help: 'Requests routed, by channel and by the service they were first routed to. Same value on every replica.',
      labelNames: ['channel', 'service'],
      registers,
    });
    this.requestsAwaitingRouting = new Gauge({
      name: 'iris_requests_awaiting_routing',
      help: 'Requests received and not routed to a service yet, by channel.',
      labelNames: ['channel'],
      registers,
    });
    this.deskTicketsWaiting = new UnlabelledSample(registry, 'gauge', {
      name: 'iris_desk_tickets_waiting',
      help: 'Desk tickets taken and not called yet.',
    });
    this.deskTicketsInService = new UnlabelledSample(registry, 'gauge', {
      name: 'iris_desk_tickets_in_service',
      help: 'Desk tickets called and not closed: visitors at a counter now.',
    });
    this.deskTicketsClosedToday = new Gauge({
      name: 'iris_desk_tickets_closed_today',
      help: 'Desk tickets closed today (Paris day) by outcome (served, redirected); back to 0 at midnight.',
      labelNames: ['outcome'],
      registers,
    });
  }

  async refresh(now: number): Promise<void> {
    this.pickupRateTarget.set(this.settings.pickupRateTarget);
    this.openingHoursOpen.set(isOpen(now, this.openingHours) ? 1 : 0);
    // Live state first: it tells which queues exist.
    await this.refreshLiveState(now);
    await Promise.all([this.refreshCallTotals(now), this.refreshRequests(), this.refreshDesk()]);
  }

  private async refreshLiveState(now: number): Promise<void> {
    this.callersWaiting.reset();
    this.longestWait.reset();
    this.callsInProgress.reset();
    this.agents.reset();
    const state = await this.health.read('live_state', this.sources.liveState(), (source) =>
      source.supervisorState(now),
    );
    if (!state) return;
    for (const [queue, view] of Object.entries(state.queues)) {
      this.knownQueues.add(queue);
      this.callersWaiting.set({ queue }, view.waiting.length);
      const oldest = Math.min(...view.waiting.map((w) => w.joinedAt));
      this.longestWait.set({ queue }, view.waiting.length === 0 ? 0 : Math.max(0, (now - oldest) / 1000));
      this.callsInProgress.set({ queue }, view.callsInProgress);
    }
    for (const agent of Object.values(state.agents)) this.agents.inc({ mode: agent.mode, state: agent.deviceState });
  }

  private async refreshCallTotals(now: number): Promise<void> {
    this.queueCalls.reset();
    this.queueWithinServiceLevel.reset();
    this.frontOfficeCalls.reset();
    this.frontOfficeWithinServiceLevel.clear();
    const source = this.sources.kpiFigures();
    if (source && !this.totalsReader) this.totalsReader = new CallTotalsReader(source);
    const read = await this.health.read('kpi_figures', source, async (kpis) => {
      for (const queue of (await kpis.activeQueues?.()) ?? []) this.knownQueues.add(queue);
      const queues = [...this.knownQueues].sort();
      const reader = this.totalsReader!;
      const origin = await reader.origin(now);
      const totals = await Promise.all([null, ...queues].map((queue) => reader.totals(queue, now, origin)));
      return { queues, totals };
    });
    if (!read) return;
    const [frontOffice, ...perQueue] = read.totals;
    read.queues.forEach((queue, i) => {
      const totals = perQueue[i]!;
      for (const outcome of CALL_OUTCOMES) this.queueCalls.inc({ queue, outcome }, totals[OUTCOME_FIELDS[outcome]]);
      this.queueWithinServiceLevel.inc({ queue }, totals.answeredWithinServiceLevel);
    });
    for (const outcome of CALL_OUTCOMES) this.frontOfficeCalls.set({ outcome }, frontOffice![OUTCOME_FIELDS[outcome]]);
    this.frontOfficeWithinServiceLevel.set(frontOffice!.answeredWithinServiceLevel);
  }

  private async refreshRequests(): Promise<void> {
    this.requests.reset();
    this.requestsRouted.reset();
    this.requestsAwaitingRouting.reset();
    const counts = await this.health.read('request_counts', this.sources.requestCounts(), (source) =>
      source.requestCounts(),
    );
    if (!counts) return;
    // The store counts a request under '' until it is routed, then under its service: the
    // per-channel total never goes down, the '' part does (so it is a gauge, not a counter).
    const perChannel = new Map<string, number>();
    const awaiting = new Map<string, number>();
    for (const { channel, service, count } of counts) {
      perChannel.set(channel, (perChannel.get(channel) ?? 0) + count);
      if (service === '') awaiting.set(channel, (awaiting.get(channel) ?? 0) + count);
      else this.requestsRouted.inc({ channel, service }, count);
    }
    for (const [channel, count] of perChannel) this.requests.inc({ channel }, count);
    for (const [channel, count] of awaiting) this.requestsAwaitingRouting.set({ channel }, count);
  }

  private async refreshDesk(): Promise<void> {
    this.deskTicketsWaiting.clear();
    this.deskTicketsInService.clear();
    this.deskTicketsClosedToday.reset();
    const desk = await this.health.read('desk_tickets', this.sources.deskTickets(), (source) => source.deskTickets());
    if (!desk) return;
    this.deskTicketsWaiting.set(desk.waiting);
    this.deskTicketsInService.set(desk.inService);
    this.deskTicketsClosedToday.set({ outcome: 'served' }, desk.servedToday);
    this.deskTicketsClosedToday.set({ outcome: 'redirected' }, desk.redirectedToday);
  }
}
