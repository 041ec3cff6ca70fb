export * from './views.js';
export * from './contract.js';
