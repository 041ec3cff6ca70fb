import { IrisError, liveWindows } from '@iris/shared';
import { z } from 'zod';
import { parseInput } from '../app/zod-input.js';

export const KPI_WINDOWS = ['15m', '1h', 'today'] as const;

const instant = z.union([
  z
    .string()
    .regex(/^\d{10,14}$/, 'epoch en ms')
    .transform(Number),
  z.iso.datetime({ offset: true }).transform((text) => Date.parse(text)),
]);

export const kpiQuerySchema = z
  .object({
    queue: z
      .string()
      .regex(/^[A-Za-z0-9._@/-]{1,64}$/, 'nom de file')
      .optional(),
    window: z.enum(KPI_WINDOWS).optional(),
    from: instant.optional(),
    to: instant.optional(),
  })
  .strict();

export interface KpiPeriod {
  readonly queue?: string;
  readonly from: number;
  readonly to: number;
  readonly window: (typeof KPI_WINDOWS)[number] | null;
}

/** ?window=15m|1h|today, or ?from&to (ISO 8601 with offset, or epoch ms); ?queue optional. */
export function kpiPeriodFromQuery(query: unknown, now: number): KpiPeriod {
  const parsed = parseInput(kpiQuerySchema, query, 'Période');
  const queue = parsed.queue;
  if (parsed.window) {
    if (parsed.from !== undefined || parsed.to !== undefined) {
      throw new IrisError('VALIDATION_FAILED', 'Donnez soit window, soit from et to, pas les deux.');
    }
    const windows = liveWindows(now);
    const period =
      parsed.window === '15m' ? windows.last15m : parsed.window === '1h' ? windows.lastHour : windows.today;
    return { queue, from: period.from, to: period.to, window: parsed.window };
  }
  if (parsed.from === undefined || parsed.to === undefined) {
    throw new IrisError(
      'VALIDATION_FAILED',
      'Période manquante : window=15m|1h|today, ou from et to (ISO 8601 ou epoch ms).',
    );
  }
  if (!(parsed.from < parsed.to)) throw new IrisError('VALIDATION_FAILED', 'from doit précéder to.');
  return { queue, from: parsed.from, to: parsed.to, window: null };
}
