/** @q2google/core — the domain model, ports, engine and backend registry of q2google. */
export * from './backends/index.js';
export * from './config/index.js';
export * from './errors/index.js';
export * from './http/index.js';
export * from './model/index.js';
export * from './protocol/index.js';
export * from './registry/index.js';
export * from './stages/index.js';
export * from './sync/index.js';
export * from './util/index.js';
