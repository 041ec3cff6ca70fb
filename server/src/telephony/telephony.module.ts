import { Module } from '@nestjs/common';
import { MEMBER_CONTROL } from '../agents/member-control.js';
import { HealthModule } from '../health/health.module.js';
import { TELEPHONY_LINK } from '../live/telephony-link.js';
import { METRICS_TELEPHONY_STATUS } from '../metrics/metrics-sources.js';
import { TelephonyService } from './telephony.service.js';

/** The AMI bridge as a Nest module: link status, member actions, events into ingest. */
@Module({
  imports: [HealthModule],
  providers: [
    TelephonyService,
    { provide: TELEPHONY_LINK, useExisting: TelephonyService },
    { provide: MEMBER_CONTROL, useExisting: TelephonyService },
    { provide: METRICS_TELEPHONY_STATUS, useExisting: TelephonyService },
  ],
  exports: [TelephonyService, TELEPHONY_LINK, MEMBER_CONTROL],
})
export class TelephonyModule {}
