export * from './queue-kpis.js';
export * from './paris-time.js';
