import { Module, type DynamicModule } from '@nestjs/common';
import { HealthModule } from '../health/health.module.js';
import { MetricsController } from './metrics.controller.js';
import { METRICS_SETTINGS, type MetricsSettings } from './metrics-sources.js';
import { MetricsSourcesResolver } from './metrics-sources.resolver.js';
import { MetricsService } from './metrics.service.js';

/**
 * GET /metrics for Prometheus. Depends on no feature module: it finds the metrics ports the
 * app provides when scraped (metrics-sources.ts). Settings come from the app's IrisConfig
 * through forRoot() (METRICS_TOKEN, PICKUP_RATE_TARGET, OPENING_HOURS, CLOSED_ON_PUBLIC_HOLIDAYS;
 * the app module passes them), SHORT_ABANDON_SECONDS from the IrisConfig.
 */
@Module({
  imports: [HealthModule],
  controllers: [MetricsController],
  providers: [MetricsService, MetricsSourcesResolver],
  exports: [MetricsService],
})
export class MetricsModule {
  static forRoot(settings: MetricsSettings): DynamicModule {
    return { module: MetricsModule, providers: [{ provide: METRICS_SETTINGS, useValue: settings }] };
  }
}
