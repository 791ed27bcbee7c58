import type { SessionState } from '../model/session-state.js';
import type { MediaSink } from '../protocol/media-sink.js';
import type { MediaSource } from '../protocol/media-source.js';
import type { SyncStateBackend } from '../protocol/state-backend.js';
import type { CreateOptions } from '../stages/create-stage.js';
import type { RetryRules } from '../stages/failure-policy.js';
import type { StageContext } from '../stages/stage-context.js';
import { RequestBudget } from './request-budget.js';
import { withBackendRetries } from './retrying-backend.js';
import { SessionStore } from './session-store.js';
import type { SyncEvent, SyncEventInput, SyncEventListener } from './sync-events.js';

/** How the engine is wired and tuned. */
export interface SyncEngineOptions {
  source: MediaSource;
  /** Also says how long an upload token must have left to be sent (`limits`). */
  sink: MediaSink;
  backend: SyncStateBackend;
  /** Units transferred at once (default 4). */
  concurrency?: number;
  /** Tries per unit before a retryable failure stays failed (default 5). */
  maxAttempts?: number;
  /** Least time between whole-session saves on backends without incremental saves. */
  fullSaveIntervalMs?: number;
  /**
   * Longest an uploaded unit waits to be saved together with other lanes' changes (default
   * 100 ms). A unit is always saved before it is sent to create.
   */
  saveSliceMs?: number;
  /** Units per create call (default: the sink's limit). */
  batchSize?: number;
  /** Receives progress events. */
  onEvent?: SyncEventListener;
  /** The clock; the real one by default. */
  now?: () => Date;
}

/** How long an uploaded unit's save may wait for other lanes' changes, by default. */
const DEFAULT_SAVE_SLICE_MS = 100;

/**
 * The engine's options with their defaults, the backend retried through short outages, and
 * events stamped: what the single-process engine and every worker run with.
 */
export class EngineSettings {
  readonly source: MediaSource;
  readonly sink: MediaSink;
  readonly backend: SyncStateBackend;
  readonly concurrency: number;
  readonly maxAttempts: number;
  /** The sink's daily request budget, shared by every store and stage of this engine. */
  readonly budget: RequestBudget;
  readonly #options: SyncEngineOptions;

  constructor(options: SyncEngineOptions) {
    this.#options = options;
    this.source = options.source;
    this.sink = options.sink;
    this.backend = withBackendRetries(options.backend);
    this.concurrency = options.concurrency ?? 4;
    this.maxAttempts = options.maxAttempts ?? 5;
    this.budget = new RequestBudget({
      quota: options.sink.limits.requestQuota,
      backend: this.backend,
      now: () => this.now().getTime(),
    });
  }

  /** The current time (the injected clock in tests). */
  now(): Date {
    return this.#options.now?.() ?? new Date();
  }

  /** Stamps and passes on an event; a listener's failure must not break the sync. */
  emit(event: SyncEventInput): void {
    try {
      this.#options.onEvent?.({ ...event, at: this.now().toISOString() } as SyncEvent);
    } catch {
      // ignored: see above
    }
  }

  /** Which failed units to retry; `retryPermanentFailures` for the `retry` command's first pass. */
  retryRules(retryPermanentFailures: boolean): RetryRules {
    return { maxAttempts: this.maxAttempts, retryPermanentFailures };
  }

  /** The create stage's options. */
  createOptions(retryPermanentFailures: boolean): CreateOptions {
    const { batchSize } = this.#options;
    return { ...this.retryRules(retryPermanentFailures), ...(batchSize ? { batchSize } : {}) };
  }

  /** A working copy of a session; `beforeWrite` may refuse each write (a worker's lease check). */
  store(state: SessionState, beforeWrite?: () => Promise<void>): SessionStore {
    const { fullSaveIntervalMs, saveSliceMs = DEFAULT_SAVE_SLICE_MS } = this.#options;
    // Units are saved as they change; the meta (with updatedAt) when it changes and at the end.
    return new SessionStore(this.backend, state, {
      now: () => this.now(),
      alwaysWriteMeta: false,
      // The request count is written with the state saves, not once per request.
      afterWrite: () => this.budget.flush(),
      saveSliceMs,
      ...(fullSaveIntervalMs !== undefined ? { fullSaveIntervalMs } : {}),
      ...(beforeWrite ? { beforeWrite } : {}),
    });
  }

  /** What the stages work with, on one store and signal. */
  context(store: SessionStore, signal: AbortSignal): StageContext {
    return {
      source: this.source,
      sink: this.sink,
      backend: this.backend,
      store,
      budget: this.budget,
      signal,
      now: () => this.now(),
      emit: (event) => this.emit(event),
    };
  }
}
