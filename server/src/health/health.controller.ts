import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ServerResponse } from 'node:http';
import { Public } from '../auth/auth.decorators.js';
import { Clock } from './clock.js';
import { ReadinessService, type Readiness } from './readiness.service.js';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(Clock) private readonly clock: Clock,
    @Inject(ReadinessService) private readonly readiness: ReadinessService,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'The process answers' })
  live(): { status: 'ok'; time: number } {
    return { status: 'ok', time: this.clock.now() };
  }

  @Get('ready')
  @ApiOperation({ summary: 'Ready to serve: Redis, AMI (or disabled), projector lag; 503 with the reasons otherwise' })
  async ready(
    @Res({ passthrough: true }) response: ServerResponse,
  ): Promise<Readiness & { status: 'ready' | 'not_ready'; time: number }> {
    const readiness = await this.readiness.check();
    if (!readiness.ready) response.statusCode = 503;
    return { status: readiness.ready ? 'ready' : 'not_ready', time: this.clock.now(), ...readiness };
  }
}
