export * from './endpoint.js';
export * from './kpis-api.js';
