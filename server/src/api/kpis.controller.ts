import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { KpiFigures } from '@iris/shared';
import { Roles } from '../auth/auth.decorators.js';
import { KpiQueryService } from '../calls/kpi-query.service.js';
import { Clock } from '../health/clock.js';
import { kpiPeriodFromQuery, type KpiPeriod } from './kpi-period.js';
import { seriesQueryFromRequest, type SeriesBucket } from './kpi-series.js';

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

  @Get('series')
  @ApiOperation({ summary: 'KPI figures per bucket (15m, 1h, or Paris days) over [from, to), for charts' })
  @ApiQuery({ name: 'bucket', required: true, enum: ['15m', '1h', '1d'] })
  @ApiQuery({ name: 'from', required: true, description: 'ISO 8601 with offset, or epoch ms' })
  @ApiQuery({ name: 'to', required: true, description: 'ISO 8601 with offset, or epoch ms' })
  @ApiQuery({ name: 'queue', required: false })
  async series(@Query() query: Record<string, string>): Promise<{
    bucket: SeriesBucket;
    queue: string | null;
    points: Array<{ start: number; end: number; figures: KpiFigures }>;
  }> {
    const { bucket, queue, bounds } = seriesQueryFromRequest(query);
    const points: Array<{ start: number; end: number; figures: KpiFigures }> = [];
    // A few buckets at a time: each is one pipelined read of stored buckets.
    for (let i = 0; i < bounds.length; i += 16) {
      const slice = bounds.slice(i, i + 16);
      const figures = await Promise.all(
        slice.map(({ start, end }) => this.kpis.figures({ queue, from: start, to: end })),
      );
      slice.forEach(({ start, end }, j) => points.push({ start, end, figures: figures[j]! }));
    }
    return { bucket, queue: queue ?? null, points };
  }
}
