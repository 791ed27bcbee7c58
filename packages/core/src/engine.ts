/** @q2google/core/engine — the sync engine: stages, the single-process sync and the worker. */
export * from './stages/index.js';
export * from './sync/index.js';
