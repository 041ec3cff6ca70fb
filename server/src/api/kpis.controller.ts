import { Controller, Inject } from '@nestjs/common';
import { getKpiFigures, getKpiSeries, type EndpointInput, type EndpointResponse, type KpiFigures } from '@iris/shared';
import { Endpoint, Input } from '../app/endpoint.decorator.js';
import { Roles } from '../auth/auth.decorators.js';
import { KpiQueryService } from '../calls/kpi-query.service.js';
import { Clock } from '../health/clock.js';
import { kpiPeriodFromQuery } from './kpi-period.js';
import { seriesQueryFromRequest } from './kpi-series.js';

@Roles('supervisor', 'admin')
@Controller()
export class KpisController {
  constructor(
    @Inject(KpiQueryService) private readonly kpis: KpiQueryService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @Endpoint(getKpiFigures)
  async figures(
    @Input() { query }: EndpointInput<typeof getKpiFigures>,
  ): Promise<EndpointResponse<typeof getKpiFigures>> {
    const period = kpiPeriodFromQuery(query, this.clock.now());
    const figures = await this.kpis.figures({ queue: period.queue, from: period.from, to: period.to });
    return { period, figures };
  }

  @Endpoint(getKpiSeries)
  async series(@Input() { query }: EndpointInput<typeof getKpiSeries>): Promise<EndpointResponse<typeof getKpiSeries>> {
    const { bucket, queue, bounds } = seriesQueryFromRequest(query, this.clock.now());
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
