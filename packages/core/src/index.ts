/**
 * @q2google/core — the contract of q2google: the model, the ports (media source, media sink,
 * state backend), errors, the backend registry and the helpers plugins share. The engine, the
 * configuration and the test doubles are subpath exports: `@q2google/core/engine`,
 * `@q2google/core/config` and `@q2google/core/testing`.
 */
export * from './backends/index.js';
export * from './errors/index.js';
export * from './http/index.js';
export * from './model/index.js';
export * from './protocol/index.js';
export * from './quota/index.js';
export * from './registry/index.js';
export * from './util/index.js';
