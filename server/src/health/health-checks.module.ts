import { Module } from '@nestjs/common';
import { TelephonyModule } from '../telephony/telephony.module.js';
import { HealthController } from './health.controller.js';
import { HealthModule } from './health.module.js';
import { ReadinessService } from './readiness.service.js';

/** /health/live and /health/ready. Needs the store (global) and telephony. */
@Module({
  imports: [HealthModule, TelephonyModule],
  controllers: [HealthController],
  providers: [ReadinessService],
  exports: [ReadinessService],
})
export class HealthChecksModule {}
