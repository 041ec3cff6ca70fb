export * from './queue-kpis.js';
export * from './paris-time.js';
export * from './kpi-buckets.js';
export * from './front-office.js';
export * from './series-bounds.js';
