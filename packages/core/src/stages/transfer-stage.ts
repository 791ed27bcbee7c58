import type { ItemState } from '../model/item-state.js';
import { runPool } from '../util/run-pool.js';
import { type RetryRules, shouldRetry } from './failure-policy.js';
import type { StageContext } from './stage-context.js';
import { tokenHorizon } from './token-horizon.js';
import { runUnitTransfer } from './transfer-unit.js';

/** Options of the transfer stage. */
export interface TransferOptions extends RetryRules {
  /** Units transferred at once. */
  concurrency: number;
  /** Called after each unit is uploaded (the create stage listens). */
  onUploaded?(): void;
  /** Before each unit: a promise to await first (back-pressure), or undefined to go on at once. */
  beforeUnit?(): Promise<void> | undefined;
}

/**
 * Transfer: streams every unit that still needs bytes from the source into the sink, several at
 * once, with memory bounded by what the sink buffers per upload. Units whose upload token is
 * too close to expiry for the sink are uploaded again. A unit's failure is recorded on it (error
 * and attempt count); a run-stopping error (quota, auth, backend, cancel) ends the stage with
 * state saved.
 *
 * A lane takes its next unit without waiting for the last one's `uploaded` save: those saves go
 * in the background, several lanes' in one (`SessionStore.flushSoon`). A failed background save
 * stops the lanes; the stage ends once every `uploaded` state is saved.
 */
export class TransferStage {
  /** Bytes moved by this run (what the sink confirmed or finished). */
  bytesTransferred = 0;
  /** The first background save that failed: no lane takes another unit after it. */
  #saveFailure: { error: unknown } | undefined;

  constructor(
    private readonly ctx: StageContext,
    private readonly options: TransferOptions,
  ) {}

  /** The units this stage would work on now. */
  pending(): ItemState[] {
    const work: ItemState[] = [];
    for (const item of this.ctx.store.items('discovered', 'uploading', 'uploaded', 'failed')) {
      if (this.#needsTransfer(item)) work.push(item);
    }
    return work;
  }

  /** Needs bytes moved: new, part-uploaded, retryable without a token, or its token expiring. */
  #needsTransfer(item: ItemState): boolean {
    switch (item.status) {
      case 'discovered':
      case 'uploading':
        return true;
      case 'uploaded':
        return Date.parse(item.tokenExpiresAt!) <= tokenHorizon(this.ctx);
      case 'failed':
        return !item.uploadToken && shouldRetry(item, this.options);
      default:
        return false;
    }
  }

  /** Transfers every pending unit. Resolves when all are done; rejects on a run-stopping error. */
  async run(): Promise<void> {
    const { emit, signal } = this.ctx;
    const work = this.pending();
    if (work.length === 0) return;
    emit({ type: 'stage-started', stage: 'transfer' });
    let uploaded = 0;
    let failed = 0;
    await runPool(
      work.map((item) => item.key),
      this.options.concurrency,
      async (key) => {
        const outcome = await this.#transfer(key);
        if (outcome === 'uploaded') uploaded += 1;
        if (outcome === 'failed') failed += 1;
      },
      signal,
    );
    signal.throwIfAborted();
    await this.ctx.store.flush();
    this.#throwSaveFailure();
    emit({ type: 'stage-done', stage: 'transfer', counts: { uploaded, failed } });
  }

  async #transfer(key: string): Promise<'uploaded' | 'failed' | 'other'> {
    const wait = this.options.beforeUnit?.();
    if (wait) {
      await wait;
      this.ctx.signal.throwIfAborted();
    }
    this.#throwSaveFailure();
    if (!this.#needsTransfer(this.ctx.store.item(key))) return 'other';
    const { outcome, bytes, saved } = await runUnitTransfer(this.ctx, key);
    saved.catch((error: unknown) => {
      this.#saveFailure ??= { error };
    });
    this.bytesTransferred += bytes;
    if (outcome === 'uploaded') this.options.onUploaded?.();
    return outcome === 'skipped' ? 'other' : outcome;
  }

  #throwSaveFailure(): void {
    if (this.#saveFailure) throw this.#saveFailure.error;
  }
}
