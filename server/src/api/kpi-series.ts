import {
  IrisError,
  MAX_SERIES_BUCKETS,
  periodProblem,
  seriesBounds,
  type BucketBounds,
  type EndpointInput,
  type getKpiSeries,
  type SeriesBucket,
} from '@iris/shared';

export interface SeriesQuery {
  readonly bucket: SeriesBucket;
  readonly queue?: string;
  readonly bounds: ReadonlyArray<BucketBounds>;
}

export function seriesQueryFromRequest(query: EndpointInput<typeof getKpiSeries>['query'], now: number): SeriesQuery {
  const problem = periodProblem(query.from, query.to, now);
  if (problem) throw new IrisError('VALIDATION_FAILED', problem);
  const bounds = seriesBounds(query.bucket, query.from, query.to);
  if (bounds.length > MAX_SERIES_BUCKETS) {
    throw new IrisError(
      'VALIDATION_FAILED',
      `Trop de points (plus de ${MAX_SERIES_BUCKETS}) : choisissez un pas plus grand ou une période plus courte.`,
    );
  }
  return { bucket: query.bucket, queue: query.queue, bounds };
}
