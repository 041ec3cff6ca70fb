import { Inject, Injectable, Module, type OnModuleInit } from '@nestjs/common';
import { DEFAULT_DESK_REASONS } from '@iris/shared';
import { IRIS_CONFIG, type IrisConfig } from '../config/iris-config.js';
import { HealthModule } from '../health/health.module.js';
import { ProjectionRegistry } from '../projector/projection-registry.js';
import { DeskController } from './desk.controller.js';
import { DESK_OPTIONS, type DeskOptions } from './desk-options.js';
import { DeskQueueProjection } from './desk-queue.projection.js';
import { DeskTicketsRepository } from './desk-tickets.repository.js';
import { DeskService } from './desk.service.js';

/** Registers the desk projection before the projector starts (module init runs before bootstrap ends). */
@Injectable()
export class DeskProjectionRegistration implements OnModuleInit {
  constructor(@Inject(ProjectionRegistry) private readonly registry: ProjectionRegistry) {}

  onModuleInit(): void {
    this.registry.ensureRegistered(new DeskQueueProjection());
  }
}

export function deskOptionsFromConfig(config: IrisConfig): DeskOptions {
  return { reasons: DEFAULT_DESK_REASONS, kioskTicketsPerMinute: config.deskKioskTicketsPerMinute };
}

/**
 * The desk queue: kiosk tickets, calls to counters, served/redirected, live figures and the
 * hall display. Needs the store (Redis client, keys, ingest, projection registry) from the
 * global store module and the clock.
 */
@Module({
  imports: [HealthModule],
  controllers: [DeskController],
  providers: [
    DeskTicketsRepository,
    DeskService,
    DeskProjectionRegistration,
    { provide: DESK_OPTIONS, useFactory: deskOptionsFromConfig, inject: [IRIS_CONFIG] },
  ],
  exports: [DeskService],
})
export class DeskModule {}
