import { hostname } from 'node:os';
import { isQ2gError } from '../errors/q2g-error.js';
import type { ItemState } from '../model/item-state.js';
import type { SessionState } from '../model/session-state.js';
import { requireLeases } from '../protocol/require-leases.js';
import { CreateStage } from '../stages/create-stage.js';
import { DiscoveryStage } from '../stages/discovery-stage.js';
import { requeueForTransfer } from '../stages/requeue.js';
import { tokenHorizon } from '../stages/token-horizon.js';
import { runUnitTransfer } from '../stages/transfer-unit.js';
import { EngineSettings, type SyncEngineOptions } from './engine-options.js';
import { LeaseKeeper } from './lease-keeper.js';
import { openSession } from './open-session.js';
import { runSession, type SessionRun } from './session-run.js';
import type { SyncRequest } from './sync-request.js';
import type { SyncSummary } from './sync-summary.js';

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
  readonly #settings: EngineSettings;
  readonly #options: SyncWorkerOptions;
  readonly workerId: string;

  constructor(options: SyncWorkerOptions) {
    this.#settings = new EngineSettings(options);
    this.#options = options;
    this.workerId =
      options.workerId ?? `${hostname()}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  }

  /** Works on the session until it is finished, stopped, or cancelled. */
  run(request: SyncRequest, signal?: AbortSignal): Promise<SyncSummary> {
    const { backend } = this.#settings;
    return runSession(this.#settings, request, signal, async (run) => {
      const { sessionId } = run.request;
      requireLeases(backend, { sessionId });
      const leaseMs = this.#options.leaseMs ?? 60_000;
      const keeper = new LeaseKeeper(backend, sessionId, this.workerId, leaseMs, (error) =>
        run.fail(error),
      );
      // A worker that lost its backend cannot give its leases back; they expire instead.
      const abandons = (stopped: unknown) => isQ2gError(stopped, 'BACKEND_UNAVAILABLE');
      return {
        work: async () => {
          await openSession(this.#settings, run.request, {
            mayCreate: () => keeper.holdRole('init'),
            pollMs: this.#pollMs,
            signal: run.signal,
          });
          await this.#work(run, keeper, leaseMs);
        },
        close: (stopped) => keeper.stop(abandons(stopped)),
        finalState: async (stopped) => (abandons(stopped) ? null : backend.load(sessionId)),
      };
    });
  }

  get #pollMs(): number {
    return this.#options.pollMs ?? 500;
  }

  async #work(run: SessionRun, keeper: LeaseKeeper, leaseMs: number): Promise<void> {
    const { backend, concurrency } = this.#settings;
    const { request, signal } = run;
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
        if (coordinator) await this.#coordinate(state, run, !coordinating);
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
          const task = this.#transfer(state, item, keeper, run)
            .catch((error: unknown) => run.fail(error))
            .finally(() => inFlight.delete(item.key));
          inFlight.set(item.key, task);
        }
        if (claimed.length === 0 && inFlight.size === 0) {
          if (!coordinator) state = await load();
          if (state.discovery.status === 'complete' && !hasActive(state)) return;
        }
        // A plain timer (no abort listener per turn); a cancelled worker stops within one poll.
        await Promise.race([delay(this.#pollMs), ...inFlight.values()]);
      }
    } finally {
      await Promise.allSettled(inFlight.values());
    }
  }

  /** The coordinator's turn: discovery, requeues and reconciliation once, then ready batches. */
  async #coordinate(state: SessionState, run: SessionRun, firstTurn: boolean): Promise<void> {
    const settings = this.#settings;
    const store = settings.store(state);
    const ctx = settings.context(store, run.signal);
    await new DiscoveryStage(ctx).run();
    const retryPermanentFailures = run.request.retryFailed && firstTurn;
    const create = new CreateStage(ctx, settings.createOptions(retryPermanentFailures));
    if (firstTurn) await create.reconcile();
    const rules = settings.retryRules(retryPermanentFailures);
    requeueForTransfer(store, tokenHorizon(ctx), firstTurn ? rules : { ...rules, maxAttempts: 0 });
    await store.flush({ force: true });
    const transferLeft = [...store.items('discovered', 'uploading')].length > 0;
    await create.send(!transferLeft);
    run.tally.created += create.createdThisRun;
  }

  async #transfer(
    state: SessionState,
    item: ItemState,
    keeper: LeaseKeeper,
    run: SessionRun,
  ): Promise<void> {
    const unitSignal = keeper.track(item.key, run.signal);
    // Every write of the unit first proves (and extends) the lease, so a worker that lost it
    // while stalled cannot overwrite what the worker that took the unit over has recorded.
    const store = this.#settings.store({ ...state, items: { [item.key]: item }, batches: {} }, () =>
      keeper.confirm(item.key),
    );
    try {
      const { bytes } = await runUnitTransfer(this.#settings.context(store, unitSignal), item.key);
      // The unit's outcome is durable before its lease is given back (and another worker may
      // claim it): the background save of `uploaded` goes now, not in the store's slice.
      await store.flush();
      run.tally.bytes += bytes;
    } catch (error) {
      if (isQ2gError(unitSignal.reason, 'STATE_LEASE_LOST')) return;
      throw error;
    } finally {
      if (!run.signal.aborted) await keeper.release(item.key).catch(() => {});
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
