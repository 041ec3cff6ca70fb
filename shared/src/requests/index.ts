export * from './request.js';
export * from './request-events.js';
export * from './service-catalogue.js';
export * from './french-tokens.js';
export * from './naive-bayes.js';
export * from './keyword-rules.js';
export * from './qualification.js';
export * from './qualification-evaluation.js';
