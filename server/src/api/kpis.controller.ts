import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { KpiFigures } from '@iris/shared';
import { Roles } from '../auth/auth.decorators.js';
import { KpiQueryService } from '../calls/kpi-query.service.js';
import { Clock } from '../health/clock.js';
import { kpiPeriodFromQuery, type KpiPeriod } from './kpi-period.js';

@ApiTags('kpis')
@Roles('supervisor', 'admin')
@Controller('api/kpis')
export class KpisController {
  constructor(
    @Inject(KpiQueryService) private readonly kpis: KpiQueryService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'KPI figures (pickup rate, service level, ASA, ...) for a period, front office or one queue',
  })
  @ApiQuery({ name: 'window', required: false, enum: ['15m', '1h', 'today'] })
  @ApiQuery({ name: 'from', required: false, description: 'ISO 8601 with offset, or epoch ms' })
  @ApiQuery({ name: 'to', required: false, description: 'ISO 8601 with offset, or epoch ms' })
  @ApiQuery({ name: 'queue', required: false })
  async figures(@Query() query: Record<string, string>): Promise<{ period: KpiPeriod; figures: KpiFigures }> {
    const period = kpiPeriodFromQuery(query, this.clock.now());
    const figures = await this.kpis.figures({ queue: period.queue, from: period.from, to: period.to });
    return { period, figures };
  }
}
