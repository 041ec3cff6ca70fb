import { Inject, Injectable, Logger, Optional, type OnApplicationBootstrap } from '@nestjs/common';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { DEFAULT_SHORT_ABANDON_SECONDS } from '@iris/shared';
import { IRIS_CONFIG, type IrisConfig } from '../config/iris-config.js';
import { Clock } from '../health/clock.js';
import { BusinessMetricsCollector } from './business-metrics.collector.js';
import { CallTimeHistograms } from './call-time.histograms.js';
import { EventLogFollower } from './event-log.follower.js';
import { InstanceMetricsCollector } from './instance-metrics.collector.js';
import { METRICS_SETTINGS, type MetricsSettings } from './metrics-sources.js';
import { MetricsSourcesResolver } from './metrics-sources.resolver.js';
import { DEFAULT_OPENING_HOURS } from './opening-hours.js';
import { SourceHealth } from './source-health.js';

export interface Scrape {
  readonly contentType: string;
  readonly body: string;
}

/**
 * Owns this app's prom-client registry (its own, never the global one, so two apps in one
 * process do not mix) and answers scrapes: every collector refreshes from its sources,
 * then the registry is serialised. Concurrent scrapes share one refresh, so they never
 * interleave resets and sets.
 */
@Injectable()
export class MetricsService implements OnApplicationBootstrap {
  readonly registry = new Registry();
  readonly settings: MetricsSettings;
  private readonly logger = new Logger('Metrics');
  private readonly business: BusinessMetricsCollector;
  private readonly instance: InstanceMetricsCollector;
  private readonly histograms: CallTimeHistograms;
  private readonly health: SourceHealth;
  private follower: EventLogFollower | null = null;
  private inFlight: Promise<Scrape> | null = null;

  constructor(
    private readonly sources: MetricsSourcesResolver,
    private readonly clock: Clock,
    @Optional() @Inject(IRIS_CONFIG) config?: IrisConfig,
    @Optional() @Inject(METRICS_SETTINGS) settings?: MetricsSettings,
  ) {
    this.settings = settings ?? {
      token: config?.metricsToken,
      pickupRateTarget: config?.pickupRateTarget ?? 0.91,
      openingHours: config?.openingHours ?? DEFAULT_OPENING_HOURS,
      closedOnPublicHolidays: config?.closedOnPublicHolidays ?? true,
    };
    collectDefaultMetrics({ register: this.registry });
    // prom-client's gauges named *_total break Prometheus naming (promtool check metrics);
    // nodejs_active_handles / _requests / _resources (by type) carry the same facts.
    for (const name of ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total'])
      this.registry.removeSingleMetric(name);
    this.health = new SourceHealth(this.registry, this.logger);
    this.business = new BusinessMetricsCollector(this.registry, sources, this.settings, this.health);
    this.instance = new InstanceMetricsCollector(this.registry, sources, this.health);
    this.histograms = new CallTimeHistograms(
      this.registry,
      config?.shortAbandonSeconds ?? DEFAULT_SHORT_ABANDON_SECONDS,
    );
  }

  /** Histograms count what is logged from now on: this replica's start is their origin. */
  async onApplicationBootstrap(): Promise<void> {
    const log = this.sources.eventLog();
    if (!log) return;
    this.follower = new EventLogFollower(log, (event) => this.histograms.observe(event));
    await this.health.read('event_log', this.follower, (follower) => follower.start());
  }

  scrape(): Promise<Scrape> {
    this.inFlight ??= this.refreshAndSerialise().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private async refreshAndSerialise(): Promise<Scrape> {
    const now = this.clock.now();
    await Promise.all([
      this.business.refresh(now),
      this.instance.refresh(),
      this.health.read('event_log', this.follower ?? undefined, (follower) => follower.catchUp()),
    ]);
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
