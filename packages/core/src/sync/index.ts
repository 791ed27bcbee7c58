export type { SyncEngineOptions } from './engine-options.js';
export { GoProToPhotosSync, sync } from './go-pro-to-photos-sync.js';
export { LeaseKeeper } from './lease-keeper.js';
export {
  RequestBudget,
  type RequestBudgetDay,
  type RequestBudgetOptions,
} from './request-budget.js';
export { BACKEND_RETRY_POLICY, withBackendRetries } from './retrying-backend.js';
export { SessionStore, type SessionStoreOptions } from './session-store.js';
export * from './sync-events.js';
export { parseSyncRequest, type SyncRequest, SyncRequestSchema } from './sync-request.js';
export * from './sync-summary.js';
export { SyncWorker, type SyncWorkerOptions } from './sync-worker.js';
