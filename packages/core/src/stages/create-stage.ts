import { randomUUID } from 'node:crypto';
import type { BatchItemResult, BatchState } from '../model/batch-state.js';
import type { ItemState } from '../model/item-state.js';
import { resolveCapabilities } from '../protocol/state-backend.js';
import { AlbumPlan, type PlannedBatch } from './album-plan.js';
import { BatchReconciler } from './batch-reconciler.js';
import { asQ2gError, type RetryRules, shouldRetry, stopsRun } from './failure-policy.js';
import type { StageContext } from './stage-context.js';
import { tokenHorizon } from './token-horizon.js';

/** Options of the create stage. Tokens too close to expiry for the sink are not sent. */
export interface CreateOptions extends RetryRules {
  /** Units per `createItems` call; capped by the sink's limit. */
  batchSize?: number;
}

/**
 * Create: turns uploaded units into Google Photos items in batches of at most the sink's limit,
 * one call at a time. Each batch is saved as `sent` before the call; its per-unit results are
 * saved after. A call whose outcome is unknown is reconciled through the sink's listing of
 * app-created items, never blindly sent again. Runs alongside transfer: `notify` sends full
 * batches as units arrive, `drain` sends the rest.
 */
export class CreateStage {
  createdThisRun = 0;
  readonly #ctx: StageContext;
  readonly #options: CreateOptions;
  readonly #reconciler: BatchReconciler;
  readonly #albums: AlbumPlan;
  /** Units per `createItems` call: the option, capped by the sink's limit. */
  readonly batchSize: number;
  #chain: Promise<void> = Promise.resolve();
  #failure: unknown;
  #onFailure: ((error: unknown) => void) | undefined;

  constructor(ctx: StageContext, options: CreateOptions, onFailure?: (error: unknown) => void) {
    this.#ctx = ctx;
    this.#options = options;
    this.#reconciler = new BatchReconciler(ctx);
    this.#albums = new AlbumPlan(ctx);
    this.batchSize = Math.min(
      options.batchSize ?? ctx.sink.limits.maxBatchSize,
      ctx.sink.limits.maxBatchSize,
    );
    this.#onFailure = onFailure;
  }

  /** Settles batches a killed run left `sent` or `pending`. */
  async reconcile(): Promise<void> {
    const open = Object.values(this.#ctx.store.state.batches).filter((b) => b.status !== 'done');
    await this.#record(
      await this.#reconcileOrDefer(() => this.#reconciler.reconcileOpenBatches(), open.length),
    );
  }

  /** More units were uploaded: send a batch in the background when a full one is ready. */
  notify(): void {
    if (this.#failure === undefined && this.#ready().length >= this.batchSize) this.#enqueue(false);
  }

  /**
   * Transfer's back-pressure, so uploads never run far ahead of creates (units uploaded but not
   * created when a run stops — a daily quota, a crash — cost their upload again once their tokens
   * expire): undefined while fewer than `limit` uploaded units wait for create, else a promise
   * that resolves once create has caught up (or can make no more progress).
   */
  room(limit: number): Promise<void> | undefined {
    return this.#ready().length >= limit ? this.#catchUp(limit) : undefined;
  }

  async #catchUp(limit: number): Promise<void> {
    let waiting = this.#ready().length;
    while (waiting >= limit && this.#failure === undefined && !this.#ctx.signal.aborted) {
      this.notify();
      await this.#chain;
      const now = this.#ready().length;
      if (now >= waiting) return; // create made no progress (nothing sendable): do not stall
      waiting = now;
    }
  }

  /** Sends everything ready, a last partial batch included; rethrows a background failure. */
  drain(): Promise<void> {
    return this.send(true);
  }

  /** Sends the full batches ready now (with `final`, the last partial one too) and waits. */
  async send(final: boolean): Promise<void> {
    this.#enqueue(final);
    await this.#chain;
    if (this.#failure !== undefined) throw this.#failure;
  }

  #enqueue(final: boolean): void {
    this.#chain = this.#chain
      .then(() => (this.#failure === undefined ? this.#pump(final) : undefined))
      .catch((error: unknown) => {
        this.#failure ??= error;
        this.#onFailure?.(error);
      });
  }

  async #pump(final: boolean): Promise<void> {
    const { emit, signal } = this.#ctx;
    if (final) this.#requeueRetryableFailures();
    let started = false;
    for (;;) {
      signal.throwIfAborted();
      const ready = this.#ready();
      if (ready.length === 0 || (!final && ready.length < this.batchSize)) break;
      if (!started) {
        emit({ type: 'stage-started', stage: 'create' });
        started = true;
      }
      await this.#send(await this.#albums.next(ready, this.batchSize));
    }
    if (started && final)
      emit({ type: 'stage-done', stage: 'create', counts: { created: this.createdThisRun } });
  }

  /** Uploaded units whose token is still good; expired ones go back for a new upload. */
  #ready(): ItemState[] {
    const { store } = this.#ctx;
    const horizon = tokenHorizon(this.#ctx);
    const ready: ItemState[] = [];
    for (const key of store.keysIn('uploaded')) {
      const item = store.item(key);
      if (Date.parse(item.tokenExpiresAt!) > horizon) ready.push(item);
    }
    return ready;
  }

  /** Units whose create failed retryably get another try while their token is good. */
  #requeueRetryableFailures(): void {
    const { store } = this.#ctx;
    const horizon = tokenHorizon(this.#ctx);
    for (const item of store.items('failed')) {
      if (!item.uploadToken || !shouldRetry(item, this.#options)) continue;
      if (Date.parse(item.tokenExpiresAt!) > horizon) store.transition(item.key, 'uploaded');
    }
  }

  async #send(planned: PlannedBatch): Promise<void> {
    // Reserved before the batch is saved as sent: a budget stop leaves its units uploaded.
    const endReservation = await this.#ctx.budget.reserveCreate();
    try {
      await this.#sendReserved(planned);
    } finally {
      endReservation();
    }
  }

  async #sendReserved({ albumId, items }: PlannedBatch): Promise<void> {
    const { store, sink, signal, now, emit } = this.#ctx;
    const batch: BatchState = {
      id: `batch-${randomUUID()}`,
      itemKeys: items.map((item) => item.key),
      status: 'sent',
      ...(albumId ? { albumId } : {}),
      createdAt: now().toISOString(),
      sentAt: now().toISOString(),
    };
    const placed = albumId ? { albumId } : {};
    for (const item of items)
      store.transition(item.key, 'creating', { batchId: batch.id, ...placed });
    store.putBatch(batch);
    // The exactly-once invariant of the transfer lanes: they do not wait for a unit's
    // `uploaded` save, so this forced save is what makes every unit of the batch durable —
    // with its upload token, as `creating` in this batch, and the batch as `sent` — before the
    // call. A kill before it leaves the units unsent (uploaded again on resume, never created);
    // a kill after it leaves a `sent` batch the next run reconciles, never sends blindly.
    await store.flush({ force: true });
    let results: Record<string, BatchItemResult & { reupload?: boolean }>;
    try {
      const response = await sink.createItems(
        items.map((item) => ({
          key: item.key,
          uploadToken: item.uploadToken!,
          fileName: item.fileName,
          capturedAt: item.capturedAt,
          mimeType: item.mimeType,
          tokenExpiresAt: item.tokenExpiresAt!,
        })),
        { albumId: batch.albumId ?? null, signal },
      );
      results = Object.fromEntries(response.map(({ key, ...result }) => [key, result]));
    } catch (error) {
      if (stopsRun(error)) throw error;
      emit({
        type: 'warning',
        code: asQ2gError(error).code,
        message: `A create call's outcome is unknown (${asQ2gError(error).message}); checking Google Photos for its items.`,
      });
      await this.#record(
        await this.#reconcileOrDefer(() => this.#reconciler.reconcile([batch]), 1),
      );
      return;
    }
    await this.#record(await this.#reconciler.apply(batch, results, false));
  }

  /**
   * Runs a reconciliation; when the sink's listing fails (after its own retries) the batches
   * stay open, their units are neither created nor sent again, and the next run checks them.
   */
  async #reconcileOrDefer(run: () => Promise<ItemState[]>, batches: number): Promise<ItemState[]> {
    try {
      return await run();
    } catch (error) {
      if (stopsRun(error)) throw error;
      this.#ctx.emit({
        type: 'warning',
        code: asQ2gError(error).code,
        message: `Could not check Google Photos for ${batches} batch(es) whose outcome is unknown (${asQ2gError(error).message}); they are left open and checked on the next run.`,
      });
      return [];
    }
  }

  /** Counts created units and enters them in the cross-session ledger when there is one. */
  async #record(created: ItemState[]): Promise<void> {
    this.createdThisRun += created.length;
    const { backend, store } = this.#ctx;
    if (created.length === 0 || !resolveCapabilities(backend).ledger) return;
    await backend.ledgerRecord!(
      created.map((item) => ({
        key: item.key,
        sessionId: store.state.id,
        mediaItemId: item.mediaItemId!,
        createdAt: item.createdAt!,
      })),
    );
  }
}
