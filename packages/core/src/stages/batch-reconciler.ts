import { isQ2gError } from '../errors/q2g-error.js';
import type { BatchItemResult, BatchState } from '../model/batch-state.js';
import type { ItemState } from '../model/item-state.js';
import type { CreatedMediaItem } from '../protocol/media-sink.js';
import { type CreatedItemMatch, matchCreatedItems, mayBe } from './created-item-match.js';
import type { StageContext } from './stage-context.js';

type ResultWithReupload = BatchItemResult & { reupload?: boolean };

/** The result code a reconciliation gives a unit the listing cannot settle. */
const UNCERTAIN = 'UNCERTAIN';

/**
 * Records what a batch did to its units, from the call's response or, when the response was
 * lost, from the sink's listing of app-created items (matched on file name and capture time,
 * see `matchCreatedItems`). A unit the listing cannot settle is failed as uncertain, with
 * what to do: never guessed, never sent again by itself.
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

  /**
   * Asks the sink which of the batches' units exist (listing each batch's album when it has one,
   * the app's whole library otherwise) and records the answer.
   */
  async reconcile(batches: BatchState[]): Promise<ItemState[]> {
    const { store } = this.ctx;
    const session = Object.values(store.state.items);
    const matches = new Map<string, CreatedItemMatch>();
    for (const [albumId, units] of this.#unitsByAlbum(batches)) {
      const listing = await listUntilFound(this.ctx, units, albumId, session);
      for (const [key, match] of matchCreatedItems(units, listing.items, session)) {
        const unlisted = !listing.complete && match.kind === 'absent';
        matches.set(key, unlisted ? { kind: 'unlisted' } : match);
      }
    }
    const created: ItemState[] = [];
    for (const batch of batches) {
      const results: Record<string, ResultWithReupload> = {};
      for (const key of batch.itemKeys) {
        const match = matches.get(key);
        if (!match) continue;
        if (match.kind === 'created') {
          results[key] = {
            outcome: 'created',
            mediaItemId: match.item.id,
            ...(match.item.productUrl ? { productUrl: match.item.productUrl } : {}),
          };
        } else if (match.kind === 'absent') {
          results[key] = {
            outcome: 'failed',
            code: 'NOT_CREATED',
            message: 'The call did not create it.',
            retryable: true,
          };
        } else if (match.kind === 'unlisted') {
          results[key] = {
            outcome: 'failed',
            code: UNCERTAIN,
            message:
              'the listing of items created by this app stopped at its page bound before finding it.',
            retryable: false,
          };
        } else {
          results[key] = {
            outcome: 'failed',
            code: UNCERTAIN,
            message: `${match.candidates.length} item(s) created by this app may be it (${match.candidates.map((c) => c.id).join(', ')}), or another unit.`,
            retryable: false,
          };
        }
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
      } else if (reconciled && result.code === UNCERTAIN) {
        this.#uncertain(item, result.message, batch.id);
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
    const { now } = this.ctx;
    const error = {
      code: result.reupload ? ('GPHOTOS_UPLOAD_TOKEN_EXPIRED' as const) : ('GPHOTOS_HTTP' as const),
      message: `Google Photos did not create it (batch ${batchId}): ${result.code} ${result.message}`,
      retryable: result.retryable || result.reupload === true,
      at: now().toISOString(),
    };
    const tokenGone = result.reupload
      ? { uploadToken: undefined, uploadedAt: undefined, tokenExpiresAt: undefined }
      : {};
    this.#markFailed(item, { error, ...tokenGone });
  }

  /** A unit whose lost answer the listing cannot settle: failed, with what the user can do. */
  #uncertain(item: ItemState, candidates: string, batchId: string): void {
    const { now } = this.ctx;
    const error = {
      code: 'SYNC_CREATE_UNCERTAIN' as const,
      message: `Not sure whether "${item.fileName}" (captured ${item.capturedAt}) was created: the answer to batch ${batchId} was lost and ${candidates} Look for it in Google Photos; if it is missing, \`q2google retry\` sends it again (Google answers an identical file with the item it already has).`,
      retryable: false,
      at: now().toISOString(),
    };
    this.#markFailed(item, { error });
  }

  /** Moves a unit to `failed` with `patch` (its error first of all) and reports it. */
  #markFailed(
    item: ItemState,
    patch: { error: NonNullable<ItemState['error']> } & Partial<ItemState>,
  ): void {
    this.ctx.store.transition(item.key, 'failed', patch);
    this.ctx.emit({
      type: 'unit-done',
      key: item.key,
      fileName: item.fileName,
      status: 'failed',
      detail: patch.error.message,
    });
  }

  /** The batches' units grouped by the album they went to ('' = no album). */
  #unitsByAlbum(batches: BatchState[]): Map<string, ItemState[]> {
    const { store } = this.ctx;
    const groups = new Map<string, ItemState[]>();
    for (const batch of batches) {
      for (const key of batch.itemKeys) {
        const unit = store.state.items[key];
        if (!unit) continue;
        const album = batch.albumId ?? unit.albumId ?? '';
        groups.set(album, [...(groups.get(album) ?? []), unit]);
      }
    }
    return groups;
  }
}

/**
 * Lists created items (in `albumId` when given) until every unit has an item that may be it
 * and that no created unit of the session already holds, or the listing ends; `complete` is
 * false when the sink's page bound stopped it first.
 */
async function listUntilFound(
  ctx: Pick<StageContext, 'sink' | 'signal' | 'budget'>,
  units: ItemState[],
  albumId: string,
  session: ItemState[],
): Promise<{ items: CreatedMediaItem[]; complete: boolean }> {
  const claimed = new Set(session.flatMap((item) => (item.mediaItemId ? [item.mediaItemId] : [])));
  const items: CreatedMediaItem[] = [];
  const missing = new Set(units);
  const endReservation = await ctx.budget.reserveListingPage();
  try {
    const scope = albumId ? { albumId } : {};
    for await (const item of ctx.sink.listCreatedItems(ctx.signal, scope)) {
      items.push(item);
      if (claimed.has(item.id)) continue;
      for (const unit of missing) if (mayBe(item, unit)) missing.delete(unit);
      if (missing.size === 0) break;
    }
  } catch (error) {
    if (!isQ2gError(error, 'SYNC_CREATE_UNCERTAIN')) throw error;
    return { items, complete: false };
  } finally {
    endReservation();
  }
  return { items, complete: true };
}
