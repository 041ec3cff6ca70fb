import { Module } from '@nestjs/common';
import { AgentModeService } from '../agents/agent-mode.service.js';
import { IRIS_CONFIG, type IrisConfig } from '../config/iris-config.js';
import { DeskModule } from '../desk/desk.module.js';
import { HealthModule } from '../health/health.module.js';
import { LiveModule } from '../live/live.module.js';
import { RotationModule } from '../rotation/rotation.module.js';
import { MODE_SWITCHER, STAFFING_OPTIONS, type StaffingOptions } from './staffing-options.js';
import { StaffingSettingsRepository } from './staffing-settings.repository.js';
import { StaffingController } from './staffing.controller.js';
import { StaffingService } from './staffing.service.js';

export function staffingOptionsFromConfig(config: IrisConfig): StaffingOptions {
  return {
    targets: {
      serviceLevel: config.staffingServiceLevelTarget,
      answerSeconds: config.serviceLevelSeconds,
      pickupRate: config.pickupRateTarget,
      defaultHandleSeconds: config.staffingDefaultHandleSeconds,
      deskServiceLevel: config.staffingServiceLevelTarget,
      deskWaitSeconds: config.deskTargetWaitMinutes * 60,
      defaultDeskServiceSeconds: config.deskDefaultServiceMinutes * 60,
    },
    autoCheckSeconds: config.staffingAutoCheckSeconds,
    autoCooldownMinutes: config.staffingAutoCooldownMinutes,
  };
}

/** Staffing advice (Erlang C), one-click apply and the automatic switch. */
@Module({
  imports: [HealthModule, LiveModule, DeskModule, RotationModule],
  controllers: [StaffingController],
  providers: [
    StaffingSettingsRepository,
    StaffingService,
    { provide: MODE_SWITCHER, useExisting: AgentModeService },
    { provide: STAFFING_OPTIONS, useFactory: staffingOptionsFromConfig, inject: [IRIS_CONFIG] },
  ],
  exports: [StaffingService],
})
export class StaffingModule {}
