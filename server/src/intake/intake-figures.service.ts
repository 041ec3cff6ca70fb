import { Inject, Injectable } from '@nestjs/common';
import { parisDayKey, type IntakeFigures } from '@iris/shared';
import { Clock } from '../health/clock.js';
import { RoutingService } from '../routing/routing.service.js';
import { RequestsRepository } from './requests.repository.js';

/** The intake's live figures (wallboard, /api/intake/today); the live gateway can push them when `requests` changed. */
@Injectable()
export class IntakeFiguresService {
  constructor(
    @Inject(RequestsRepository) private readonly requests: RequestsRepository,
    @Inject(RoutingService) private readonly routing: RoutingService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async today(): Promise<IntakeFigures> {
    const day = parisDayKey(this.clock.now());
    const [byChannel, backlog, totals] = await Promise.all([
      this.requests.intakeOfDay(day),
      this.routing.backlog(),
      this.requests.totals(),
    ]);
    const awaitingQualification = totals.filter((t) => t.service === '').reduce((sum, t) => sum + t.count, 0);
    return { day, byChannel, backlog, awaitingQualification };
  }
}
