export * from './health.js';
export * from './history.js';
