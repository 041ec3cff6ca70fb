export * from './rotation-plan.js';
export * from './plan-csv.js';
export * from './rotation-events.js';
export * from './mode-time.js';
export * from './mode-evidence.js';
