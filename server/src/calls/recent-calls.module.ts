import { Module } from '@nestjs/common';
import { RecentCallsController } from './recent-calls.controller.js';
import { RecentCallsRepository } from './recent-calls.repository.js';

/** GET /api/calls/recent over RecentCallsProjection (the store module is global). */
@Module({ controllers: [RecentCallsController], providers: [RecentCallsRepository], exports: [RecentCallsRepository] })
export class RecentCallsModule {}
