import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { IrisError, type QueueView } from '@iris/shared';
import { Roles } from '../auth/auth.decorators.js';
import { Clock } from '../health/clock.js';
import { LiveStateService } from '../live/live-state.service.js';

@ApiTags('queues')
@Roles('supervisor', 'admin')
@Controller('api/queues')
export class QueuesController {
  constructor(
    @Inject(LiveStateService) private readonly live: LiveStateService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Every queue: waiting callers, members, live KPI windows' })
  async list(): Promise<QueueView[]> {
    const state = await this.live.supervisorState(this.clock.now());
    return Object.values(state.queues);
  }

  @Get(':queue')
  @ApiOperation({ summary: 'One queue' })
  async get(@Param('queue') queue: string): Promise<QueueView> {
    const view = await this.live.queueState(queue, this.clock.now());
    if (!view) throw new IrisError('QUEUE_NOT_FOUND', `File « ${queue} » inconnue.`);
    return view;
  }
}
