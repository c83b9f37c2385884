export * from './health.js';
export * from './callEvents.js';
export * from './history.js';
