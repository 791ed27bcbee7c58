/** @q2google/core — the domain model, ports, engine and backend registry of q2google. */
export * from './config/index.js';
export * from './errors/index.js';
export * from './model/index.js';
export * from './protocol/index.js';
export * from './registry/index.js';
export * from './util/index.js';
