import { Module } from '@nestjs/common';
import { RecentCallsModule } from '../calls/recent-calls.module.js';
import { HealthModule } from '../health/health.module.js';
import { LiveModule } from '../live/live.module.js';
import { KpisController } from './kpis.controller.js';
import { QueuesController } from './queues.controller.js';

/** Read-only REST over the store: queues and KPI periods (agents live in AgentsModule). */
@Module({ imports: [HealthModule, LiveModule, RecentCallsModule], controllers: [QueuesController, KpisController] })
export class ApiModule {}
