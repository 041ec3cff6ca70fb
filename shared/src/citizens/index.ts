export * from './text-folding.js';
export * from './phone-number.js';
export * from './postal-address.js';
export * from './person-name.js';
export * from './citizen.js';
export * from './citizen-events.js';
export * from './duplicate-score.js';
export * from './citizen-fold.js';
