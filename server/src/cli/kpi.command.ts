import { figuresFromCounters, type KpiFigures, type ReplayFigures } from '@iris/shared';
import type { StoreContext } from './store-context.js';

export interface KpiCommandOptions {
  readonly from: number;
  readonly to: number;
  readonly queue?: string;
}

/** Figures of one period from the stored buckets (a queue, or the front office). */
export async function kpiFigures(store: StoreContext, options: KpiCommandOptions): Promise<KpiFigures> {
  return figuresFromCounters(await store.kpis.counters({ queue: options.queue, from: options.from, to: options.to }));
}

const percent = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(1).replace('.', ',')} %`);
const seconds = (value: number | null) => (value === null ? '—' : `${Math.round(value)} s`);

/** French, for operators reading a terminal. Means absent from `f` (a replay's figures) are left out. */
export function formatFigures(title: string, f: ReplayFigures & Partial<KpiFigures>): string {
  const lines = [
    title,
    `  appels présentés            ${f.offered}`,
    `  répondus                    ${f.answered}`,
    `  abandons (≥ seuil)          ${f.abandoned}`,
    `  abandons courts             ${f.shortAbandoned}`,
    `  délai dépassé               ${f.timedOut}`,
    `  autres sorties              ${f.exited}`,
    `  taux de décroché            ${percent(f.pickupRate)}`,
    `  niveau de service           ${percent(f.serviceLevel)}`,
  ];
  if (f.averageSpeedOfAnswer !== undefined)
    lines.push(`  attente moyenne (répondus)  ${seconds(f.averageSpeedOfAnswer)}`);
  if (f.meanAbandonWait !== undefined) lines.push(`  attente moyenne (abandons)  ${seconds(f.meanAbandonWait)}`);
  if (f.averageHandleTime !== undefined) lines.push(`  durée moyenne de traitement ${seconds(f.averageHandleTime)}`);
  return lines.join('\n');
}
