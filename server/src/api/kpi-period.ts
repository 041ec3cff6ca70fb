import { IrisError, liveWindows, periodProblem, type EndpointInput, type getKpiFigures } from '@iris/shared';

export type KpiPeriodQuery = EndpointInput<typeof getKpiFigures>['query'];

export interface KpiPeriod {
  readonly queue?: string;
  readonly from: number;
  readonly to: number;
  readonly window: NonNullable<KpiPeriodQuery['window']> | null;
}

/** ?window=15m|1h|today, or ?from&to (checked before any work: see periodProblem); ?queue optional. */
export function kpiPeriodFromQuery(query: KpiPeriodQuery, now: number): KpiPeriod {
  const queue = query.queue;
  if (query.window) {
    if (query.from !== undefined || query.to !== undefined) {
      throw new IrisError('VALIDATION_FAILED', 'Donnez soit window, soit from et to, pas les deux.');
    }
    const windows = liveWindows(now);
    const period = query.window === '15m' ? windows.last15m : query.window === '1h' ? windows.lastHour : windows.today;
    return { queue, from: period.from, to: period.to, window: query.window };
  }
  if (query.from === undefined || query.to === undefined) {
    throw new IrisError(
      'VALIDATION_FAILED',
      'Période manquante : window=15m|1h|today, ou from et to (ISO 8601 ou epoch ms).',
    );
  }
  const problem = periodProblem(query.from, query.to, now);
  if (problem) throw new IrisError('VALIDATION_FAILED', problem);
  return { queue, from: query.from, to: query.to, window: null };
}
