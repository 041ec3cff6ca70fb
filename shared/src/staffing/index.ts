export * from './erlang-c.js';
export * from './staffing-advice.js';
