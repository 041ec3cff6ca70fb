export * from './ami/frame-parser.js';
export * from './normalize/normalizer.js';
export { NORMALIZER_REJECT_REASONS } from './normalize/ami-fields.js';
export * from './normalize/queue-status-snapshot.js';
export * from './normalize/replay-figures.js';
