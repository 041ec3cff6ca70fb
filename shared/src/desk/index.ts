export * from './desk-events.js';
export * from './desk-reasons.js';
export * from './desk-error.js';
export * from './desk-queue.js';
