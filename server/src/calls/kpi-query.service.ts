import { Injectable } from '@nestjs/common';
import {
  expiredBuckets,
  figuresFromCounters,
  IrisError,
  liveWindows,
  tilePeriod,
  type KpiCounters,
  type KpiFigures,
  type WindowedKpis,
} from '@iris/shared';
import type { KpiScope } from '../redis/keys.js';
import { KpiBucketsRepository } from './kpi-buckets.repository.js';

export interface KpiPeriodQuery {
  /** A queue's figures, or the front office's when absent. */
  readonly queue?: string;
  /** [from, to) in epoch ms, resolved to whole minutes (from rounded down, to rounded up). */
  readonly from: number;
  readonly to: number;
}

/** Clock for retention checks; injected so tests and replays can fix "now". */
export type Clock = () => number;

/**
 * KPI figures for any period from stored buckets: the coarsest buckets that tile the
 * period exactly (Paris days, then hours, then minutes). A period whose tiling needs
 * buckets already forgotten (minutes older than 48 h, hours older than 13 months) is
 * refused rather than answered wrong: ask for whole hours or days instead.
 */
@Injectable()
export class KpiQueryService {
  private clock: Clock = Date.now;

  constructor(private readonly buckets: KpiBucketsRepository) {}

  useClock(clock: Clock): void {
    this.clock = clock;
  }

  async figures(query: KpiPeriodQuery): Promise<KpiFigures> {
    return figuresFromCounters(await this.counters(query));
  }

  async counters(query: KpiPeriodQuery): Promise<KpiCounters> {
    const tiles = this.tiles(query);
    const [sum] = await this.buckets.sums([{ scope: scopeOf(query.queue), tiles }]);
    return sum!;
  }

  /** Last 15 minutes, last hour and today (since midnight Europe/Paris) at `now`, for several scopes at once. */
  async windows(queues: ReadonlyArray<string | undefined>, now: number): Promise<WindowedKpis[]> {
    const windows = liveWindows(now);
    const periods = [windows.last15m, windows.lastHour, windows.today].map((p) => tilePeriod(p.from, p.to));
    const groups = queues.flatMap((queue) => periods.map((tiles) => ({ scope: scopeOf(queue), tiles })));
    const sums = await this.buckets.sums(groups);
    return queues.map((_, i) => ({
      last15m: figuresFromCounters(sums[3 * i]!),
      lastHour: figuresFromCounters(sums[3 * i + 1]!),
      today: figuresFromCounters(sums[3 * i + 2]!),
    }));
  }

  /** Queues that had calls or member changes (the ones listed in per-queue figures), sorted. */
  async activeQueues(): Promise<string[]> {
    return [...(await this.buckets.queueActivity()).keys()].sort();
  }

  private tiles(query: KpiPeriodQuery) {
    let tiles;
    try {
      tiles = tilePeriod(query.from, query.to);
    } catch (error) {
      throw new IrisError('KPI_PERIOD_INVALID', `invalid KPI period: ${(error as Error).message}`, {
        from: query.from,
        to: query.to,
      });
    }
    const expired = expiredBuckets(tiles, this.clock());
    if (expired.length > 0) {
      throw new IrisError(
        'KPI_PERIOD_TOO_FINE',
        `this period needs ${expired[0]!.granularity} buckets that are no longer kept (minute buckets live 48 h, hour buckets 13 months): ` +
          `start and end it on whole ${expired[0]!.granularity === 'minute' ? 'hours' : 'days'}`,
        { from: query.from, to: query.to },
      );
    }
    return tiles;
  }
}

function scopeOf(queue: string | undefined): KpiScope {
  return queue === undefined ? 'front-office' : { queue };
}
