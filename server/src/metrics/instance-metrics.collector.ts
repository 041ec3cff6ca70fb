import { Counter, Gauge, type Registry } from 'prom-client';
import type { MetricsSourcesResolver } from './metrics-sources.resolver.js';
import {
  AMI_FRAME_REJECT_REASONS,
  amiRejectReasonLabel,
  INTAKE_REJECTIONS_BY_CHANNEL,
  intakeChannelLabel,
  intakeReasonLabel,
} from './rejection-labels.js';
import type { SourceHealth } from './source-health.js';
import { UnlabelledSample } from './unlabelled-sample.js';

/** The AMI link states a bridge reports; `iris_ami_link_state` has one series per state. */
export const AMI_LINK_STATES = [
  'connecting',
  'connected',
  'disconnected',
  'auth_failed',
  'stopped',
  'disabled',
] as const;

/**
 * Metrics of this replica itself: its AMI link, whether it holds the projector lease, its
 * socket clients. Unlike business metrics these differ per instance, and rules sum or max
 * them by instance as each alert needs. The projector lag is read from Redis, so it is the
 * same on every replica (rules take the max).
 */
export class InstanceMetricsCollector {
  private readonly amiLinkUp: UnlabelledSample;
  private readonly amiLinkState: Gauge<'state'>;
  private readonly amiLinkStateSince: UnlabelledSample;
  private readonly amiLastEvent: UnlabelledSample;
  private readonly amiReconnects: UnlabelledSample;
  private readonly amiFramesRejected: Counter<'reason'>;
  private readonly intakeRejected: Counter<'channel' | 'reason'>;
  private readonly eventsRefused: Counter<'type' | 'reason'>;
  private readonly projectorRunning: UnlabelledSample;
  private readonly projectorLagSeconds: UnlabelledSample;
  private readonly projectorLagEvents: UnlabelledSample;
  private readonly projectedEvents: UnlabelledSample;
  private readonly socketClients: Gauge<'room'>;

  constructor(
    registry: Registry,
    private readonly sources: MetricsSourcesResolver,
    private readonly health: SourceHealth,
  ) {
    const registers = [registry];
    this.amiLinkUp = new UnlabelledSample(registry, 'gauge', {
      name: 'iris_ami_link_up',
      help: 'Whether this replica is connected and logged in to Asterisk AMI (absent when AMI is disabled).',
    });
    this.amiLinkState = new Gauge({
      name: 'iris_ami_link_state',
      help: 'AMI link state of this replica (1 for the current state).',
      labelNames: ['state'],
      registers,
    });
    this.amiLinkStateSince = new UnlabelledSample(registry, 'gauge', {
      name: 'iris_ami_link_state_since_timestamp_seconds',
      help: 'When the AMI link entered its current state (Unix time).',
    });
    this.amiLastEvent = new UnlabelledSample(registry, 'gauge', {
      name: 'iris_ami_last_event_timestamp_seconds',
      help: 'When this replica last received an AMI event (Unix time).',
    });
    this.amiReconnects = new UnlabelledSample(registry, 'counter', {
      name: 'iris_ami_reconnects_total',
      help: 'AMI reconnections of this replica since it started.',
    });
    this.amiFramesRejected = new Counter({
      name: 'iris_ami_frames_rejected_total',
      help: 'AMI frames refused by this replica since it started, by reason (frame parser: malformed_line, oversized, truncated, missing_type; normaliser: missing_field, invalid_field, internal_error, stale_call_evicted).',
      labelNames: ['reason'],
      registers,
    });
    this.intakeRejected = new Counter({
      name: 'iris_intake_rejected_total',
      help: 'Input refused at an intake edge (email, sms, mail) by this replica since it started, by channel and reason.',
      labelNames: ['channel', 'reason'],
      registers,
    });
    this.eventsRefused = new Counter({
      name: 'iris_events_refused_total',
      help: 'Events refused at the event log door by this replica since it started (schema check), by event type (unknown when IRIS does not know the type) and reason (envelope, unknown_type, data).',
      labelNames: ['type', 'reason'],
      registers,
    });
    this.projectorRunning = new UnlabelledSample(registry, 'gauge', {
      name: 'iris_projector_running',
      help: 'Whether this replica holds the projector lease and projects (1) or not (0).',
    });
    this.projectorLagSeconds = new UnlabelledSample(registry, 'gauge', {
      name: 'iris_projector_lag_seconds',
      help: 'Append time of the newest logged event minus that of the last projected one (0 when caught up). Same on every replica.',
    });
    this.projectorLagEvents = new UnlabelledSample(registry, 'gauge', {
      name: 'iris_projector_lag_events',
      help: 'Events in the log not projected yet. Same on every replica.',
    });
    this.projectedEvents = new UnlabelledSample(registry, 'counter', {
      name: 'iris_projector_projected_events_total',
      help: 'Events projected since the log began (read from Redis, same on every replica).',
    });
    this.socketClients = new Gauge({
      name: 'iris_socket_clients',
      help: 'Socket clients connected to this replica, by room (agent rooms counted together as "agent").',
      labelNames: ['room'],
      registers,
    });
  }

  async refresh(): Promise<void> {
    await Promise.all([
      this.refreshTelephony(),
      this.refreshProjector(),
      this.refreshSockets(),
      this.refreshIntakeRejections(),
      this.refreshEventRefusals(),
    ]);
  }

  private async refreshTelephony(): Promise<void> {
    for (const sample of [this.amiLinkUp, this.amiLinkStateSince, this.amiLastEvent, this.amiReconnects])
      sample.clear();
    this.amiLinkState.reset();
    this.amiFramesRejected.reset();
    const status = await this.health.read('telephony', this.sources.telephony(), (source) => source.status());
    if (!status) return;
    for (const state of AMI_LINK_STATES) this.amiLinkState.set({ state }, status.state === state ? 1 : 0);
    if (status.state !== 'disabled') this.amiLinkUp.set(status.state === 'connected' ? 1 : 0);
    this.amiLinkStateSince.set(status.since / 1000);
    if (status.lastEventAt !== null) this.amiLastEvent.set(status.lastEventAt / 1000);
    this.amiReconnects.set(status.reconnects);
    if (status.state === 'disabled') return;
    // Every known reason from 0, so the first rejected frame shows in increase().
    for (const reason of AMI_FRAME_REJECT_REASONS) this.amiFramesRejected.inc({ reason }, 0);
    for (const [reason, count] of Object.entries(status.framesRejected))
      this.amiFramesRejected.inc({ reason: amiRejectReasonLabel(reason) }, count);
  }

  private async refreshIntakeRejections(): Promise<void> {
    this.intakeRejected.reset();
    const rejections = await this.health.read('intake_rejections', this.sources.intakeRejections(), (source) =>
      source.snapshot(),
    );
    if (!rejections) return;
    for (const [channel, reasons] of Object.entries(INTAKE_REJECTIONS_BY_CHANNEL))
      for (const reason of reasons) this.intakeRejected.inc({ channel, reason }, 0);
    for (const { channel, reason, count } of rejections)
      this.intakeRejected.inc({ channel: intakeChannelLabel(channel), reason: intakeReasonLabel(reason) }, count);
  }

  private async refreshEventRefusals(): Promise<void> {
    this.eventsRefused.reset();
    const refusals = await this.health.read('event_refusals', this.sources.eventRefusals(), (source) =>
      source.refusalCounts(),
    );
    for (const { type, reason, count } of refusals ?? []) this.eventsRefused.inc({ type, reason }, count);
  }

  private async refreshProjector(): Promise<void> {
    for (const sample of [
      this.projectorRunning,
      this.projectorLagSeconds,
      this.projectorLagEvents,
      this.projectedEvents,
    ])
      sample.clear();
    const status = await this.health.read('projector', this.sources.projector(), (source) => source.status());
    if (!status) return;
    this.projectorRunning.set(status.holder ? 1 : 0);
    this.projectorLagSeconds.set(status.lagMs / 1000);
    this.projectorLagEvents.set(status.lagEvents);
    this.projectedEvents.set(status.projected);
  }

  private async refreshSockets(): Promise<void> {
    this.socketClients.reset();
    const rooms = await this.health.read('socket_clients', this.sources.socketClients(), (source) =>
      source.clientsByRoom(),
    );
    for (const [room, clients] of Object.entries(rooms ?? {}))
      this.socketClients.inc({ room: roomLabel(room) }, clients);
  }
}

/** Bounded room labels: one per queue and the supervisor room, but all agent rooms as one. */
export function roomLabel(room: string): string {
  return room.startsWith('agent') ? 'agent' : room;
}
