import { hostname } from 'node:os';
import { isQ2gError, Q2gError } from '../errors/q2g-error.js';
import type { ItemState } from '../model/item-state.js';
import { createSessionState } from '../model/session-document.js';
import type { SessionState } from '../model/session-state.js';
import { resolveCapabilities } from '../protocol/state-backend.js';
import { CreateStage } from '../stages/create-stage.js';
import { DiscoveryStage } from '../stages/discovery-stage.js';
import { asQ2gError, stopsRun } from '../stages/failure-policy.js';
import { requeueForTransfer } from '../stages/requeue.js';
import type { StageContext } from '../stages/stage-context.js';
import { runUnitTransfer } from '../stages/transfer-unit.js';
import { abortError, sleep } from '../util/sleep.js';
import type { SyncEngineOptions } from './go-pro-to-photos-sync.js';
import { LeaseKeeper } from './lease-keeper.js';
import { withBackendRetries } from './retrying-backend.js';
import { SessionStore } from './session-store.js';
import type { SyncEvent, SyncEventInput } from './sync-events.js';
import {
  assertSameSession,
  type ParsedSyncRequest,
  parseSyncRequest,
  type SyncRequest,
} from './sync-request.js';
import { describeSession, type SyncSummary } from './sync-summary.js';

/** Options of a worker: the engine's, plus who it is and how long its leases last. */
export interface SyncWorkerOptions extends SyncEngineOptions {
  /** This worker's id; default `<host>-<pid>-<random>`. */
  workerId?: string;
  /** How long a claimed unit or a role stays this worker's without renewal (default 60 s). */
  leaseMs?: number;
  /** How often to look for new work when there is none (default 0.5 s). */
  pollMs?: number;
}

const ACTIVE = ['discovered', 'uploading', 'uploaded', 'creating'] as const;

/**
 * One of several processes sharing a session on a backend with leases (PostgreSQL, MongoDB).
 * Transfer fans out: each worker claims units, renews its leases while it works, and units of a
 * worker that died return to the pool when their leases expire. Discovery and create stay
 * single-writer: the worker holding the session's `coordinator` role does them, and another
 * takes the role over if it dies. Every worker runs until the session is finished.
 */
export class SyncWorker {
  readonly #options: SyncWorkerOptions;
  readonly workerId: string;

  constructor(options: SyncWorkerOptions) {
    this.#options = { ...options, backend: withBackendRetries(options.backend) };
    this.workerId =
      options.workerId ?? `${hostname()}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  }

  /** Works on the session until it is finished, stopped, or cancelled. */
  async run(request: SyncRequest, signal?: AbortSignal): Promise<SyncSummary> {
    const { backend } = this.#options;
    const caps = resolveCapabilities(backend);
    if (!caps.leases || !caps.incrementalSave) {
      throw new Q2gError(
        'CONFIG_INVALID',
        `The ${backend.name ?? 'configured'} state backend cannot share a session between workers.`,
        {
          hint: 'Use a postgres:// or mongodb:// state URI for several workers, or run one `q2google sync`.',
        },
      );
    }
    const started = Date.now();
    const parsed = parseSyncRequest(request);
    const controller = new AbortController();
    const forwardAbort = () => controller.abort(abortError(signal!));
    if (signal?.aborted) forwardAbort();
    signal?.addEventListener('abort', forwardAbort, { once: true });
    const leaseMs = this.#options.leaseMs ?? 60_000;
    const keeper = new LeaseKeeper(backend, parsed.sessionId, this.workerId, leaseMs, (error) =>
      controller.abort(error),
    );
    const tally = { bytes: 0, created: 0 };
    let stopped: Q2gError | undefined;
    let abandon = false;
    try {
      await this.#ensureSession(parsed, keeper, controller.signal);
      await this.#work(parsed, keeper, controller.signal, tally, leaseMs, (error) =>
        controller.abort(error),
      );
    } catch (error) {
      const reason = controller.signal.aborted ? controller.signal.reason : error;
      if (!stopsRun(reason) && !stopsRun(error)) throw error;
      stopped = asQ2gError(stopsRun(reason) ? reason : error);
      abandon = isQ2gError(stopped, 'BACKEND_UNAVAILABLE');
      this.#emit({ type: 'error', code: stopped.code, message: stopped.userMessage });
    } finally {
      signal?.removeEventListener('abort', forwardAbort);
      await keeper.stop(abandon);
    }
    const state = abandon ? null : await backend.load(parsed.sessionId);
    const described = state
      ? describeSession(state)
      : { counts: {}, skippedByReason: {}, failures: [], bytesRemaining: 0, complete: false };
    const summary: SyncSummary = {
      sessionId: parsed.sessionId,
      ...described,
      createdThisRun: tally.created,
      bytesTransferred: tally.bytes,
      durationMs: Date.now() - started,
      ...(stopped ? { stopped: { code: stopped.code, message: stopped.userMessage } } : {}),
    };
    this.#emit({ type: 'summary', summary });
    return summary;
  }

  async #ensureSession(
    request: ParsedSyncRequest,
    keeper: LeaseKeeper,
    signal: AbortSignal,
  ): Promise<void> {
    const { backend } = this.#options;
    for (;;) {
      const existing = await backend.load(request.sessionId);
      if (existing) {
        assertSameSession(existing, request);
        return;
      }
      if (!request.range) {
        throw new Q2gError(
          'CONFIG_INVALID',
          `There is no session "${request.sessionId}" to work on.`,
          {
            hint: 'Give a date range to start it, or start it with `q2google sync` first.',
          },
        );
      }
      if (await keeper.holdRole('init')) {
        await backend.save(
          createSessionState({
            id: request.sessionId,
            range: request.range,
            options: {
              album: request.album ?? null,
              mediaTypes: request.mediaTypes ?? [],
              source: request.sourceOptions ?? {},
            },
            now: this.#now(),
          }),
        );
        return;
      }
      await sleep(this.#options.pollMs ?? 500, signal);
    }
  }

  async #work(
    request: ParsedSyncRequest,
    keeper: LeaseKeeper,
    signal: AbortSignal,
    tally: { bytes: number; created: number },
    leaseMs: number,
    onFatal: (error: unknown) => void,
  ): Promise<void> {
    const { backend } = this.#options;
    const concurrency = this.#options.concurrency ?? 4;
    const inFlight = new Map<string, Promise<void>>();
    let coordinating = false;
    // The last full view of the session. Only the coordinator reloads it every turn; a worker
    // busy transferring does not, and an idle one reloads once per poll to see if all is done.
    let state: SessionState | undefined;
    const load = async () => (await backend.load(request.sessionId))!;
    try {
      for (;;) {
        signal.throwIfAborted();
        const coordinator = await keeper.holdRole('coordinator');
        if (coordinator || !state) state = await load();
        if (coordinator) await this.#coordinate(state, request, signal, tally, !coordinating);
        coordinating = coordinator;
        const free = concurrency - inFlight.size;
        const claimed =
          free > 0
            ? await backend.claimItems!({
                sessionId: request.sessionId,
                workerId: this.workerId,
                limit: free,
                statuses: ['discovered', 'uploading'],
                leaseMs,
              })
            : [];
        for (const item of claimed) {
          const task = this.#transfer(state, item, keeper, signal, tally)
            .catch(onFatal)
            .finally(() => inFlight.delete(item.key));
          inFlight.set(item.key, task);
        }
        if (claimed.length === 0 && inFlight.size === 0) {
          if (!coordinator) state = await load();
          if (state.discovery.status === 'complete' && !hasActive(state)) return;
        }
        // A plain timer (no abort listener per turn); a cancelled worker stops within one poll.
        await Promise.race([delay(this.#options.pollMs ?? 500), ...inFlight.values()]);
      }
    } finally {
      await Promise.allSettled(inFlight.values());
    }
  }

  /** The coordinator's turn: discovery, requeues and reconciliation once, then ready batches. */
  async #coordinate(
    state: SessionState,
    request: ParsedSyncRequest,
    signal: AbortSignal,
    tally: { bytes: number; created: number },
    firstTurn: boolean,
  ): Promise<void> {
    const store = this.#store(state);
    const ctx = this.#context(store, signal);
    await new DiscoveryStage(ctx).run();
    const rules = {
      maxAttempts: this.#options.maxAttempts ?? 5,
      retryPermanentFailures: request.retryFailed && firstTurn,
    };
    const margin = this.#options.tokenSafetyMarginMs ?? 10 * 60_000;
    const create = new CreateStage(ctx, {
      ...rules,
      tokenSafetyMarginMs: margin,
      ...(this.#options.batchSize ? { batchSize: this.#options.batchSize } : {}),
    });
    if (firstTurn) await create.reconcile();
    requeueForTransfer(
      store,
      this.#now().getTime() + margin,
      firstTurn ? rules : { ...rules, maxAttempts: 0 },
    );
    await store.flush({ force: true });
    const transferLeft = [...store.items('discovered', 'uploading')].length > 0;
    await create.send(!transferLeft);
    tally.created += create.createdThisRun;
  }

  async #transfer(
    state: SessionState,
    item: ItemState,
    keeper: LeaseKeeper,
    signal: AbortSignal,
    tally: { bytes: number; created: number },
  ): Promise<void> {
    const unitSignal = keeper.track(item.key, signal);
    // Every write of the unit first proves (and extends) the lease, so a worker that lost it
    // while stalled cannot overwrite what the worker that took the unit over has recorded.
    const store = this.#store({ ...state, items: { [item.key]: item }, batches: {} }, () =>
      keeper.confirm(item.key),
    );
    try {
      const { bytes } = await runUnitTransfer(this.#context(store, unitSignal), item.key);
      tally.bytes += bytes;
    } catch (error) {
      if (isQ2gError(unitSignal.reason, 'STATE_LEASE_LOST')) return;
      throw error;
    } finally {
      if (!signal.aborted) await keeper.release(item.key).catch(() => {});
    }
  }

  #store(state: SessionState, beforeWrite?: () => Promise<void>): SessionStore {
    return new SessionStore(this.#options.backend, state, {
      now: () => this.#now(),
      alwaysWriteMeta: false,
      ...(beforeWrite ? { beforeWrite } : {}),
    });
  }

  #context(store: SessionStore, signal: AbortSignal): StageContext {
    return {
      source: this.#options.source,
      sink: this.#options.sink,
      backend: this.#options.backend,
      store,
      signal,
      now: () => this.#now(),
      emit: (event) => this.#emit(event),
    };
  }

  #now(): Date {
    return this.#options.now?.() ?? new Date();
  }

  #emit(event: SyncEventInput): void {
    try {
      this.#options.onEvent?.({ ...event, at: this.#now().toISOString() } as SyncEvent);
    } catch {
      // A listener's failure must not break the worker.
    }
  }
}

function hasActive(state: SessionState): boolean {
  return Object.values(state.items).some((item) =>
    (ACTIVE as readonly string[]).includes(item.status),
  );
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
