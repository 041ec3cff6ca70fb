import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type { Logger } from 'pino';
import { ApiModule } from '../api/api.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { ConfigModule } from '../config/config.module.js';
import type { IrisConfig } from '../config/iris-config.js';
import { HealthChecksModule } from '../health/health-checks.module.js';
import { HealthModule } from '../health/health.module.js';
import { IntakeModule } from '../intake/intake.module.js';
import { LiveModule } from '../live/live.module.js';
import { LoggingModule } from '../logging/logging.module.js';
import { MetricsModule } from '../metrics/metrics.module.js';
import { StoreModule } from '../redis/store.module.js';
import { StaffingModule } from '../staffing/staffing.module.js';
import { TelephonyModule } from '../telephony/telephony.module.js';
import { IrisExceptionFilter } from './iris-exception.filter.js';
import { StartupService } from './startup.service.js';

/**
 * The whole server from one validated config. Feature modules (desk, intake, rotation,
 * metrics, ...) are added to FEATURE_MODULES, one line each.
 */
const FEATURE_MODULES: Array<DynamicModule | (new () => unknown)> = [
  // desk queue + rotation plan + staffing advice (StaffingModule imports DeskModule and RotationModule)
  StaffingModule,
  // every channel into one citizen record: SMTP, SMS webhook, paper mail, desk/phone requests, citizens, routing
  IntakeModule,
];

@Module({})
export class AppModule {
  static forRoot(config: IrisConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot(logger),
        StoreModule.forRoot({
          redisUrl: config.redisUrl,
          keyPrefix: config.keyPrefix,
          shortAbandonSeconds: config.shortAbandonSeconds,
          defaultServiceLevelSeconds: config.serviceLevelSeconds,
          runProjector: config.projectorEnabled,
        }),
        HealthModule,
        HealthChecksModule,
        AuthModule,
        TelephonyModule,
        LiveModule,
        ApiModule,
        ...FEATURE_MODULES,
        // GET /metrics for Prometheus (reads the store, telephony, projector, gateway and intake it finds)
        MetricsModule.forRoot({
          token: config.metricsToken,
          pickupRateTarget: config.pickupRateTarget,
          openingHours: config.openingHours,
          closedOnPublicHolidays: config.closedOnPublicHolidays,
        }),
      ],
      providers: [{ provide: APP_FILTER, useClass: IrisExceptionFilter }, StartupService],
    };
  }
}
