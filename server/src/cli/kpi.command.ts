import { figuresFromCounters, type KpiFigures } from '@iris/shared';
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

/** French, for operators reading a terminal. */
export function formatFigures(title: string, f: KpiFigures): string {
  return [
    title,
    `  appels présentés            ${f.offered}`,
    `  répondus                    ${f.answered}`,
    `  abandons (≥ seuil)          ${f.abandoned}`,
    `  abandons courts             ${f.shortAbandoned}`,
    `  délai dépassé               ${f.timedOut}`,
    `  autres sorties              ${f.exited}`,
    `  taux de décroché            ${percent(f.pickupRate)}`,
    `  niveau de service           ${percent(f.serviceLevel)}`,
    `  attente moyenne (répondus)  ${seconds(f.averageSpeedOfAnswer)}`,
    `  attente moyenne (abandons)  ${seconds(f.meanAbandonWait)}`,
    `  durée moyenne de traitement ${seconds(f.averageHandleTime)}`,
  ].join('\n');
}
