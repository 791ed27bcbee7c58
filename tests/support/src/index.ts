/** Shared by the integration and reliability suites. */
export * from './created-once.js';
export * from './expectations.js';
export * from './recording-proxy.js';
export * from './secrets.js';
export * from './wiring.js';
export * from './world.js';
