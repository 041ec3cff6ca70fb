import { Module } from '@nestjs/common';
import { AgentModeService } from '../agents/agent-mode.service.js';
import { AgentsController } from '../agents/agents.controller.js';
import { PendingModeRepository } from '../agents/pending-mode.repository.js';
import { AuthModule } from '../auth/auth.module.js';
import { HealthModule } from '../health/health.module.js';
import { METRICS_SOCKET_CLIENTS } from '../metrics/metrics-sources.js';
import { TelephonyModule } from '../telephony/telephony.module.js';
import { LiveGateway } from './live.gateway.js';
import { LIVE_STATE_SOURCE } from './live-state.source.js';
import { LiveStateService } from './live-state.service.js';
import { StoreLiveStateSource } from './store-live-state.source.js';

/** The socket.io live feed, room states, and agent mode changes (which the feed shows as pending). */
@Module({
  imports: [HealthModule, AuthModule, TelephonyModule],
  controllers: [AgentsController],
  providers: [
    { provide: LIVE_STATE_SOURCE, useClass: StoreLiveStateSource },
    LiveStateService,
    PendingModeRepository,
    AgentModeService,
    LiveGateway,
    { provide: METRICS_SOCKET_CLIENTS, useExisting: LiveGateway },
  ],
  exports: [LiveStateService, AgentModeService, LiveGateway, LIVE_STATE_SOURCE],
})
export class LiveModule {}
