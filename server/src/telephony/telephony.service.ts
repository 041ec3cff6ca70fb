import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { IrisError, type DomainEvent, type TelephonyLinkView } from '@iris/shared';
import { TelephonyBridge } from '@iris/telephony';
import type { Logger } from 'pino';
import type { MemberControl } from '../agents/member-control.js';
import { IRIS_CONFIG, type IrisConfig } from '../config/iris-config.js';
import { IngestService } from '../events/ingest.service.js';
import { Clock } from '../health/clock.js';
import type { TelephonyLink } from '../live/telephony-link.js';
import { IRIS_LOGGER } from '../logging/logger.js';

export type BridgeState = ReturnType<TelephonyBridge['status']>['state'];

export interface TelephonyStatus {
  readonly enabled: boolean;
  readonly state: BridgeState | 'disabled';
  readonly since: number;
  readonly lastEventAt: number | null;
  readonly reconnects: number;
  /**
   * Frames refused since start, by reason: the frame parser's (malformed_line, oversized,
   * truncated, missing_type) and the normaliser's (missing_field, invalid_field,
   * internal_error, stale_call_evicted). The two sets of names do not overlap.
   */
  readonly framesRejected: Readonly<Record<string, number>>;
  /** Events handed to ingest and stored (appended + duplicates) since start. */
  readonly eventsIngested: number;
  /** Of those, events new to the log (the rest were duplicates: replays, a second bridge). */
  readonly eventsAppended: number;
  readonly ingestFailures: number;
  /** Events the bridge handed over and saw stored (its own count). */
  readonly eventsEmitted: number;
}

/** How often the bridge's state is looked at to tell screens and health about changes. */
const STATUS_POLL_MS = 500;

/**
 * The AMI bridge inside the server: started when AMI_ENABLED, its events piped into ingest
 * (each batch awaited, so a slow Redis slows reading instead of piling up events in memory),
 * its status exposed to health, metrics and the supervisor's screen, and stopped on shutdown
 * only after the batch in flight is stored.
 */
@Injectable()
export class TelephonyService implements TelephonyLink, MemberControl, OnApplicationBootstrap, OnModuleDestroy {
  private bridge: TelephonyBridge | null = null;
  private readonly listeners = new Set<() => void>();
  private lastState: TelephonyStatus['state'];
  private stateSince: number;
  private poll: NodeJS.Timeout | null = null;
  private inFlight = new Set<Promise<unknown>>();
  private eventsIngested = 0;
  private eventsAppended = 0;
  private ingestFailures = 0;
  /** The bridge's last status once stopped (shutdown reports and tests read it). */
  private stoppedStatus: ReturnType<TelephonyBridge['status']> | null = null;

  constructor(
    @Inject(IRIS_CONFIG) private readonly config: IrisConfig,
    @Inject(IngestService) private readonly ingest: IngestService,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(IRIS_LOGGER) private readonly logger: Logger,
  ) {
    this.lastState = config.amiEnabled ? 'connecting' : 'disabled';
    this.stateSince = clock.now();
  }

  onApplicationBootstrap(): void {
    if (!this.config.amiEnabled) {
      this.logger.info('telephony disabled (AMI_ENABLED=false)');
      return;
    }
    const bridge = new TelephonyBridge({
      host: this.config.amiHost,
      port: this.config.amiPort,
      username: this.config.amiUsername ?? '',
      secret: this.config.amiSecret ?? '',
      defaultServiceLevelSeconds: this.config.serviceLevelSeconds,
      clock: () => this.clock.now(),
      onWarning: (message) => this.logger.warn({ component: 'telephony' }, message),
    });
    bridge.onEvents((events) => this.store(events));
    this.bridge = bridge;
    // Not awaited: the server starts (and says "not ready") even while Asterisk is unreachable.
    void Promise.resolve(bridge.start()).catch((error: unknown) =>
      this.logger.error({ err: error }, 'telephony bridge failed to start'),
    );
    this.poll = setInterval(() => this.checkState(), STATUS_POLL_MS);
    this.poll.unref();
    this.logger.info({ host: this.config.amiHost, port: this.config.amiPort }, 'telephony bridge starting');
  }

  async onModuleDestroy(): Promise<void> {
    if (this.poll) clearInterval(this.poll);
    const bridge = this.bridge;
    this.bridge = null;
    if (bridge) await bridge.stop();
    // Whatever the bridge handed over before stopping is stored before Redis closes.
    await Promise.allSettled([...this.inFlight]);
    this.lastState = this.config.amiEnabled ? 'stopped' : 'disabled';
    if (bridge) {
      this.stoppedStatus = bridge.status();
      this.logger.info(
        { eventsIngested: this.eventsIngested, eventsAppended: this.eventsAppended },
        'telephony bridge stopped',
      );
    }
  }

  status(): TelephonyStatus {
    const bridgeStatus = this.bridge?.status() ?? this.stoppedStatus ?? undefined;
    return {
      enabled: this.config.amiEnabled,
      state: bridgeStatus?.state ?? this.lastState,
      since: bridgeStatus?.since ?? this.stateSince,
      lastEventAt: bridgeStatus?.lastEventAt ?? null,
      reconnects: bridgeStatus?.reconnects ?? 0,
      framesRejected: bridgeStatus
        ? rejectedByReason(bridgeStatus.framesRejected, bridgeStatus.normalizerRejected)
        : {},
      eventsIngested: this.eventsIngested,
      eventsAppended: this.eventsAppended,
      ingestFailures: this.ingestFailures,
      eventsEmitted: bridgeStatus?.eventsEmitted ?? 0,
    };
  }

  /** TelephonyLink: the link as the supervisor's screen shows it. */
  view(): TelephonyLinkView {
    const { state, since } = this.status();
    const shown: TelephonyLinkView['state'] =
      state === 'disabled'
        ? 'disabled'
        : state === 'connected'
          ? 'connected'
          : state === 'connecting'
            ? 'connecting'
            : 'disconnected';
    return { state: shown, since };
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  pauseMember(request: { queue?: string; interface: string; reason: string }): Promise<unknown> {
    return this.requireBridge().pauseMember(request);
  }

  unpauseMember(request: { queue?: string; interface: string; reason?: string }): Promise<unknown> {
    return this.requireBridge().unpauseMember(request);
  }

  private requireBridge(): TelephonyBridge {
    if (!this.config.amiEnabled)
      throw new IrisError(
        'TELEPHONY_DISABLED',
        'La téléphonie est désactivée (AMI_ENABLED=false) : changement de mode impossible.',
      );
    if (!this.bridge || this.bridge.status().state !== 'connected') {
      throw new IrisError(
        'TELEPHONY_UNAVAILABLE',
        'Asterisk n’est pas joignable pour le moment : réessayez dans quelques secondes.',
      );
    }
    return this.bridge;
  }

  private async store(events: DomainEvent[]): Promise<void> {
    // Each event on its own: one the door refuses (a normaliser bug) is counted and logged,
    // and neither blocks nor drops the calls around it.
    const work = this.ingest.ingestEach(events);
    this.inFlight.add(work);
    try {
      const { appended, duplicates, refused } = await work;
      this.eventsIngested += appended + duplicates;
      this.eventsAppended += appended;
      if (refused.length > 0) this.logger.error({ refused }, 'AMI events refused at ingest (schema)');
    } catch (error) {
      this.ingestFailures += 1;
      this.logger.error({ err: error, events: events.length }, 'ingest of AMI events failed');
      throw error; // the bridge decides (retry or count); the batch is not silently dropped
    } finally {
      this.inFlight.delete(work);
    }
  }

  private checkState(): void {
    const state = this.status().state;
    if (state === this.lastState) return;
    this.logger.info({ from: this.lastState, to: state }, 'telephony link state');
    this.lastState = state;
    this.stateSince = this.clock.now();
    for (const listener of this.listeners) listener();
  }
}

/** The parser's and the normaliser's counts in one map (a reason both used would be added up, never lost). */
function rejectedByReason(...maps: ReadonlyArray<Readonly<Record<string, number>>>): Record<string, number> {
  const byReason: Record<string, number> = {};
  for (const counts of maps)
    for (const [reason, count] of Object.entries(counts)) byReason[reason] = (byReason[reason] ?? 0) + count;
  return byReason;
}
