import type { BatchItemResult, BatchState } from '../model/batch-state.js';
import type { ItemState } from '../model/item-state.js';
import type { CreatedMediaItem } from '../protocol/media-sink.js';
import type { StageContext } from './stage-context.js';

type ResultWithReupload = BatchItemResult & { reupload?: boolean };

/**
 * Records what a batch did to its units, from the call's response or, when the response was
 * lost, from the sink's listing of app-created items (matched by the units' unique file names).
 */
export class BatchReconciler {
  constructor(private readonly ctx: StageContext) {}

  /** Settles every batch left `sent` or `pending`, and units stranded in `creating`. */
  async reconcileOpenBatches(): Promise<ItemState[]> {
    const { store } = this.ctx;
    const open = Object.values(store.state.batches).filter((batch) => batch.status !== 'done');
    const created = open.length > 0 ? await this.reconcile(open) : [];
    for (const item of store.items('creating')) {
      const batch = item.batchId ? store.state.batches[item.batchId] : undefined;
      if (!batch || batch.status === 'done') store.transition(item.key, 'uploaded');
    }
    await store.flush({ force: true });
    return created;
  }

  /** Asks the sink which of the batches' units exist and records the answer. */
  async reconcile(batches: BatchState[]): Promise<ItemState[]> {
    const byFileName = await this.#createdByFileName();
    const created: ItemState[] = [];
    for (const batch of batches) {
      const results: Record<string, ResultWithReupload> = {};
      for (const key of batch.itemKeys) {
        const item = this.ctx.store.state.items[key];
        if (!item) continue;
        const found = byFileName.get(item.fileName);
        results[key] = found
          ? {
              outcome: 'created',
              mediaItemId: found.id,
              ...(found.productUrl ? { productUrl: found.productUrl } : {}),
            }
          : {
              outcome: 'failed',
              code: 'NOT_CREATED',
              message: 'The call did not create it.',
              retryable: true,
            };
      }
      created.push(...(await this.apply(batch, results, true)));
    }
    return created;
  }

  /** Moves the batch's units to what the results say, marks the batch done, saves. */
  async apply(
    batch: BatchState,
    results: Record<string, ResultWithReupload>,
    reconciled: boolean,
  ): Promise<ItemState[]> {
    const { store, now, emit } = this.ctx;
    const created: ItemState[] = [];
    for (const key of batch.itemKeys) {
      const item = store.state.items[key];
      const result = results[key];
      if (item?.status !== 'creating' || item.batchId !== batch.id) continue;
      if (!result) {
        store.transition(key, 'uploaded');
        continue;
      }
      if (result.outcome === 'created') {
        const done = store.transition(key, 'created', {
          mediaItemId: result.mediaItemId,
          createdAt: now().toISOString(),
          ...(result.productUrl ? { productUrl: result.productUrl } : {}),
        });
        created.push(done);
        emit({ type: 'unit-done', key, fileName: item.fileName, status: 'created' });
      } else if (reconciled && result.code === 'NOT_CREATED') {
        store.transition(key, 'uploaded');
      } else {
        this.#fail(item, result, batch.id);
      }
    }
    const stored: Record<string, BatchItemResult> = {};
    for (const [key, { reupload: _reupload, ...result }] of Object.entries(results))
      stored[key] = result;
    store.putBatch({
      ...batch,
      status: 'done',
      doneAt: now().toISOString(),
      results: stored,
      ...(reconciled ? { reconciled } : {}),
    });
    await store.flush({ force: true });
    return created;
  }

  #fail(
    item: ItemState,
    result: Extract<ResultWithReupload, { outcome: 'failed' }>,
    batchId: string,
  ): void {
    const { store, now, emit } = this.ctx;
    const error = {
      code: result.reupload ? ('GPHOTOS_UPLOAD_TOKEN_EXPIRED' as const) : ('GPHOTOS_HTTP' as const),
      message: `Google Photos did not create it (batch ${batchId}): ${result.code} ${result.message}`,
      retryable: result.retryable || result.reupload === true,
      at: now().toISOString(),
    };
    const tokenGone = result.reupload
      ? { uploadToken: undefined, uploadedAt: undefined, tokenExpiresAt: undefined }
      : {};
    store.transition(item.key, 'failed', { error, ...tokenGone });
    emit({
      type: 'unit-done',
      key: item.key,
      fileName: item.fileName,
      status: 'failed',
      detail: error.message,
    });
  }

  async #createdByFileName(): Promise<Map<string, CreatedMediaItem>> {
    const map = new Map<string, CreatedMediaItem>();
    for await (const item of this.ctx.sink.listCreatedItems(this.ctx.signal)) {
      if (!map.has(item.fileName)) map.set(item.fileName, item);
    }
    return map;
  }
}
