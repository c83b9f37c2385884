export * from './health.js';
export * from './callEvents.js';
export * from './history.js';
export * from './deskMessages.js';
export * from './parseClientMessage.js';
