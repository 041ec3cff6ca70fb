import { z } from 'zod';
import type { KpiFigures } from '../kpi/queue-kpis.js';
import { SERIES_BUCKETS } from '../kpi/series-bounds.js';
import { endpoint } from './endpoint.js';

/** Earliest instant a period may start at: IRIS keeps no figures from before. */
export const EARLIEST_PERIOD_START = Date.UTC(2000, 0, 1);
/** The longest period one request may ask for (the quality report's longest: a few years). */
export const MAX_PERIOD_MS = 10 * 366 * 86_400_000;

/** An instant in a query string: ISO 8601 with an offset, or epoch milliseconds. */
export const instantQuery = z.union([
  z
    .string()
    .regex(/^\d{10,14}$/, 'epoch en ms')
    .transform(Number),
  z.iso.datetime({ offset: true }).transform((text) => Date.parse(text)),
]);

export const queueName = z.string().regex(/^[A-Za-z0-9._@/-]{1,64}$/, 'nom de file');

/**
 * A period is checked before any work: inside what IRIS can hold, from before to, and not
 * longer than MAX_PERIOD_MS (a period of 8,000 years once froze the server while it tiled it).
 */
export function periodProblem(from: number, to: number, now: number): string | null {
  if (!(from < to)) return 'from doit précéder to.';
  if (from < EARLIEST_PERIOD_START) return 'from est antérieur à 2000 : aucune donnée.';
  if (to > now + 366 * 86_400_000) return 'to est à plus d’un an dans le futur.';
  if (to - from > MAX_PERIOD_MS) return 'Période trop longue (10 ans au plus).';
  return null;
}

export const LIVE_WINDOWS = ['15m', '1h', 'today'] as const;

export const kpiFiguresSchema = z.object({
  offered: z.number(),
  answered: z.number(),
  abandoned: z.number(),
  shortAbandoned: z.number(),
  timedOut: z.number(),
  exited: z.number(),
  answeredWithinServiceLevel: z.number(),
  pickupRate: z.number().nullable(),
  serviceLevel: z.number().nullable(),
  averageSpeedOfAnswer: z.number().nullable(),
  meanAbandonWait: z.number().nullable(),
  averageHandleTime: z.number().nullable(),
}) satisfies z.ZodType<KpiFigures>;

export const getKpiFigures = endpoint({
  method: 'GET',
  path: '/api/kpis',
  tag: 'kpis',
  summary:
    'KPI figures (pickup rate, service level, ASA, ...) of the front office or one queue, for a live window or any period',
  query: z.strictObject({
    queue: queueName.optional(),
    window: z.enum(LIVE_WINDOWS).optional(),
    from: instantQuery.optional(),
    to: instantQuery.optional(),
  }),
  response: z.object({
    period: z.object({
      queue: z.string().optional(),
      from: z.number(),
      to: z.number(),
      window: z.enum(LIVE_WINDOWS).nullable(),
    }),
    figures: kpiFiguresSchema,
  }),
});

export const getKpiSeries = endpoint({
  method: 'GET',
  path: '/api/kpis/series',
  tag: 'kpis',
  summary: 'KPI figures per bucket (15m, 1h, or Paris days) over [from, to), for charts',
  query: z.strictObject({
    bucket: z.enum(SERIES_BUCKETS),
    from: instantQuery,
    to: instantQuery,
    queue: queueName.optional(),
  }),
  response: z.object({
    bucket: z.enum(SERIES_BUCKETS),
    queue: z.string().nullable(),
    points: z.array(z.object({ start: z.number(), end: z.number(), figures: kpiFiguresSchema })),
  }),
});
