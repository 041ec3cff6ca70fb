import { Inject, Injectable, Module, type OnModuleInit } from '@nestjs/common';
import { HealthModule } from '../health/health.module.js';
import { ProjectionRegistry } from '../projector/projection-registry.js';
import { RotationController } from './rotation.controller.js';
import { RotationProjection } from './rotation.projection.js';
import { RotationRepository } from './rotation.repository.js';
import { RotationService } from './rotation.service.js';

@Injectable()
export class RotationProjectionRegistration implements OnModuleInit {
  constructor(@Inject(ProjectionRegistry) private readonly registry: ProjectionRegistry) {}

  onModuleInit(): void {
    this.registry.ensureRegistered(new RotationProjection());
  }
}

/** The rotation plan (REST + CSV), planned vs actual, and the fairness report. */
@Module({
  imports: [HealthModule],
  controllers: [RotationController],
  providers: [RotationRepository, RotationService, RotationProjectionRegistration],
  exports: [RotationService],
})
export class RotationModule {}
