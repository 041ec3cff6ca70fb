export { MetricsModule } from './metrics.module.js';
export { MetricsService } from './metrics.service.js';
export * from './metrics-sources.js';
export { DEFAULT_OPENING_HOURS, isOpen, parseOpeningHours } from './opening-hours.js';
