import { Controller, Get } from '@nestjs/common';
import { Clock } from './clock.js';

@Controller('health')
export class HealthController {
  constructor(private readonly clock: Clock) {}

  @Get('live')
  live(): { status: 'ok'; time: number } {
    return { status: 'ok', time: this.clock.now() };
  }
}
