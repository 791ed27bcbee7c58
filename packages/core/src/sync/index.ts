export { GoProToPhotosSync, type SyncEngineOptions, sync } from './go-pro-to-photos-sync.js';
export { SessionStore, type SessionStoreOptions } from './session-store.js';
export * from './sync-events.js';
export { parseSyncRequest, type SyncRequest, SyncRequestSchema } from './sync-request.js';
export * from './sync-summary.js';
