export * from './events/index.js';
export * from './kpi/index.js';
export * from './socket/index.js';
export * from './agents/agent-mode.js';
export * from './errors/iris-error.js';
export * from './citizens/index.js';
export * from './requests/index.js';
export * from './auth/user-roles.js';
