import { Q2gError } from '../errors/q2g-error.js';
import { createSessionState } from '../model/session-document.js';
import type { SessionState } from '../model/session-state.js';
import type { MediaSink } from '../protocol/media-sink.js';
import type { MediaSource } from '../protocol/media-source.js';
import type { SyncStateBackend } from '../protocol/state-backend.js';
import { CreateStage } from '../stages/create-stage.js';
import { DiscoveryStage } from '../stages/discovery-stage.js';
import { asQ2gError, stopsRun } from '../stages/failure-policy.js';
import type { StageContext } from '../stages/stage-context.js';
import { TransferStage } from '../stages/transfer-stage.js';
import { abortError } from '../util/sleep.js';
import { withBackendRetries } from './retrying-backend.js';
import { SessionStore } from './session-store.js';
import type { SyncEvent, SyncEventInput, SyncEventListener } from './sync-events.js';
import { assertSameSession, parseSyncRequest, type SyncRequest } from './sync-request.js';
import { describeSession, type SyncSummary } from './sync-summary.js';

/** How the engine is wired and tuned. */
export interface SyncEngineOptions {
  source: MediaSource;
  sink: MediaSink;
  backend: SyncStateBackend;
  /** Units transferred at once (default 4). */
  concurrency?: number;
  /** Tries per unit before a retryable failure stays failed (default 5). */
  maxAttempts?: number;
  /** Tokens closer than this to expiry are re-uploaded rather than sent (default 10 min). */
  tokenSafetyMarginMs?: number;
  /** Least time between whole-session saves on backends without incremental saves. */
  fullSaveIntervalMs?: number;
  /** Units per create call (default: the sink's limit). */
  batchSize?: number;
  /** Receives progress events. */
  onEvent?: SyncEventListener;
  now?: () => Date;
}

const TRANSFER_ROUNDS = 3;

/**
 * The sync engine: runs a session's discovery, transfer and create stages through the ports,
 * with any state backend, and can be killed at any moment and resumed with the same session id.
 */
export class GoProToPhotosSync {
  readonly #options: SyncEngineOptions;

  constructor(options: SyncEngineOptions) {
    this.#options = { ...options, backend: withBackendRetries(options.backend) };
  }

  /** Runs (or resumes) a session; resolves to a summary, also when the run stopped early. */
  async run(request: SyncRequest, signal?: AbortSignal): Promise<SyncSummary> {
    const started = Date.now();
    const now = this.#options.now ?? (() => new Date());
    const parsed = parseSyncRequest(request);
    const { backend } = this.#options;
    const existing = await backend.load(parsed.sessionId);
    if (existing) assertSameSession(existing, parsed);
    const state = existing ?? this.#newSession(parsed, now());
    // Units are saved as they change; the meta (with updatedAt) when it changes and at the end.
    const store = new SessionStore(backend, state, {
      now,
      alwaysWriteMeta: false,
      ...(this.#options.fullSaveIntervalMs !== undefined
        ? { fullSaveIntervalMs: this.#options.fullSaveIntervalMs }
        : {}),
    });
    if (!existing) await backend.save(state);

    const controller = new AbortController();
    const forwardAbort = () => controller.abort(abortError(signal!));
    if (signal?.aborted) forwardAbort();
    signal?.addEventListener('abort', forwardAbort, { once: true });
    const ctx: StageContext = {
      source: this.#options.source,
      sink: this.#options.sink,
      backend,
      store,
      now,
      signal: controller.signal,
      emit: (event) => this.#emit(event, now),
    };
    ctx.emit({ type: 'session', sessionId: state.id, resumed: existing !== null });

    let stopped: Q2gError | undefined;
    let internalFailure: Q2gError | undefined;
    let bytesTransferred = 0;
    let created = 0;
    try {
      await new DiscoveryStage(ctx).run();
      if (!parsed.dryRun) {
        const result = await this.#transferAndCreate(ctx, parsed.retryFailed, (failure) => {
          internalFailure ??= asQ2gError(failure);
          controller.abort(internalFailure);
        });
        [bytesTransferred, created] = [result.bytes, result.created];
      }
    } catch (error) {
      // A failure of the background create stage aborts the run; report it, not the abort.
      if (!internalFailure && !stopsRun(error)) throw error;
      stopped = internalFailure ?? asQ2gError(error);
      ctx.emit({ type: 'error', code: stopped.code, message: stopped.userMessage });
    } finally {
      signal?.removeEventListener('abort', forwardAbort);
      store.updateMeta({});
      await store.flush({ force: true });
    }
    const summary = this.#summary(store.state, { bytesTransferred, created, started, stopped });
    ctx.emit({ type: 'summary', summary });
    return summary;
  }

  async #transferAndCreate(
    ctx: StageContext,
    retryFailed: boolean,
    abort: (reason: unknown) => void,
  ) {
    const retryRules = {
      maxAttempts: this.#options.maxAttempts ?? 5,
      retryPermanentFailures: retryFailed,
    };
    const tokenSafetyMarginMs = this.#options.tokenSafetyMarginMs ?? 10 * 60_000;
    const create = new CreateStage(
      ctx,
      {
        ...retryRules,
        tokenSafetyMarginMs,
        ...(this.#options.batchSize ? { batchSize: this.#options.batchSize } : {}),
      },
      abort,
    );
    await create.reconcile();
    let bytes = 0;
    for (let round = 0; round < TRANSFER_ROUNDS; round++) {
      const transfer = new TransferStage(ctx, {
        ...retryRules,
        // A unit retried in this run is not retried again in the same run's later rounds.
        retryPermanentFailures: retryFailed && round === 0,
        concurrency: this.#options.concurrency ?? 4,
        tokenSafetyMarginMs,
        onUploaded: () => create.notify(),
      });
      if (round > 0 && transfer.pending().length === 0) break;
      try {
        await transfer.run();
      } finally {
        bytes += transfer.bytesTransferred;
      }
      await create.drain();
      if (round === 0 && !this.#hasReuploads(ctx.store.state)) break;
    }
    return { bytes, created: create.createdThisRun };
  }

  /** True when create sent units back for a new upload (token invalid or expired). */
  #hasReuploads(state: Readonly<SessionState>): boolean {
    return Object.values(state.items).some(
      (item) =>
        item.status === 'failed' &&
        !item.uploadToken &&
        item.error?.code === 'GPHOTOS_UPLOAD_TOKEN_EXPIRED',
    );
  }

  #newSession(request: ReturnType<typeof parseSyncRequest>, now: Date): SessionState {
    if (!request.range) {
      throw new Q2gError(
        'CONFIG_INVALID',
        `There is no session "${request.sessionId}" to resume.`,
        {
          hint: 'Give a date range (--from and --to) to start it, or check the id with `q2google sessions`.',
        },
      );
    }
    return createSessionState({
      id: request.sessionId,
      range: request.range,
      options: {
        album: request.album ?? null,
        mediaTypes: request.mediaTypes ?? [],
        source: request.sourceOptions ?? {},
      },
      now,
    });
  }

  #summary(
    state: Readonly<SessionState>,
    run: {
      bytesTransferred: number;
      created: number;
      started: number;
      stopped: Q2gError | undefined;
    },
  ): SyncSummary {
    const described = describeSession(state);
    const resumeAt = run.stopped?.details?.resumeAt;
    return {
      sessionId: state.id,
      ...described,
      createdThisRun: run.created,
      bytesTransferred: run.bytesTransferred,
      durationMs: Date.now() - run.started,
      ...(run.stopped
        ? {
            stopped: {
              code: run.stopped.code,
              message: run.stopped.userMessage,
              ...(typeof resumeAt === 'string' ? { resumeAt } : {}),
            },
          }
        : {}),
    };
  }

  #emit(event: SyncEventInput, now: () => Date): void {
    try {
      this.#options.onEvent?.({ ...event, at: now().toISOString() } as SyncEvent);
    } catch {
      // A listener's failure must not break the sync.
    }
  }
}

/** Runs one sync with a fresh engine: `sync({ source, sink, backend, sessionId, range })`. */
export function sync(
  options: SyncEngineOptions & SyncRequest,
  signal?: AbortSignal,
): Promise<SyncSummary> {
  const { sessionId, range, album, mediaTypes, sourceOptions, retryFailed, dryRun, ...engine } =
    options;
  return new GoProToPhotosSync(engine).run(
    { sessionId, range, album, mediaTypes, sourceOptions, retryFailed, dryRun },
    signal,
  );
}
