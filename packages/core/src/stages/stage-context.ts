import type { MediaSink } from '../protocol/media-sink.js';
import type { MediaSource } from '../protocol/media-source.js';
import type { SyncStateBackend } from '../protocol/state-backend.js';
import type { RequestBudget } from '../sync/request-budget.js';
import type { SessionStore } from '../sync/session-store.js';
import type { SyncEventInput } from '../sync/sync-events.js';

/** What every stage works with. */
export interface StageContext {
  source: MediaSource;
  sink: MediaSink;
  backend: SyncStateBackend;
  store: SessionStore;
  /** The sink's daily request budget: reserve before an operation that sends requests. */
  budget: RequestBudget;
  /** Sends an engine event to the listener (the time is added). */
  emit(event: SyncEventInput): void;
  /** The current time (the injected clock in tests). */
  now(): Date;
  /** Aborts when the user cancels or a run-stopping error happened. */
  signal: AbortSignal;
}
