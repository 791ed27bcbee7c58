export type * from './media-sink.js';
export type * from './media-source.js';
export * from './state-backend.js';
