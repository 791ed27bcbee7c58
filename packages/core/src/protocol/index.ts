export type * from './media-sink.js';
export type * from './media-source.js';
export { type LeaseCheckContext, requireLeases } from './require-leases.js';
export * from './state-backend.js';
