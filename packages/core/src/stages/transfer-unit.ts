import type { ItemState } from '../model/item-state.js';
import type { SourceStream } from '../protocol/media-source.js';
import { byteProgress } from './byte-progress.js';
import { stopsRun, unitError } from './failure-policy.js';
import type { StageContext } from './stage-context.js';

/** What became of one unit's transfer, and the bytes this attempt moved. */
export interface UnitTransferOutcome {
  outcome: 'uploaded' | 'failed' | 'skipped';
  bytes: number;
  /**
   * Settles when the outcome is durable. An `uploaded` unit is saved in the background with
   * the other lanes' changes (see {@link transferUnit}); failed and skipped ones are saved
   * before this returns.
   */
  saved: Promise<void>;
}

const SAVED = Promise.resolve();

/**
 * Transfers one unit that needs bytes moved (new, part-uploaded, failed, or with an expiring
 * token), recording a failure on the unit. Rethrows run-stopping errors and cancellation.
 */
export async function runUnitTransfer(
  ctx: StageContext,
  key: string,
): Promise<UnitTransferOutcome> {
  const { store, emit, now } = ctx;
  const start = prepareForTransfer(ctx, key);
  const startOffset = start.upload?.offset ?? 0;
  try {
    await transferUnit(ctx, start);
  } catch (error) {
    if (stopsRun(error) || ctx.signal.aborted) throw error;
    const failed = store.transition(key, 'failed', { error: unitError(error, now()) });
    await store.flush();
    emit({
      type: 'unit-done',
      key,
      fileName: start.fileName,
      status: 'failed',
      detail: failed.error!.message,
    });
    return { outcome: 'failed', bytes: 0, saved: SAVED };
  }
  const done = store.item(key);
  if (done.status !== 'uploaded') return { outcome: 'skipped', bytes: 0, saved: SAVED };
  return {
    outcome: 'uploaded',
    bytes: (done.servedSize ?? 0) - startOffset,
    saved: store.flushSoon(),
  };
}

/** Puts a unit into a state {@link transferUnit} can start from. */
function prepareForTransfer(ctx: StageContext, key: string): ItemState {
  const { store } = ctx;
  const item = store.item(key);
  if (item.status === 'uploaded') return store.transition(key, 'discovered');
  if (item.status === 'failed') {
    return item.upload
      ? store.transition(key, 'uploading', { upload: item.upload })
      : store.transition(key, 'discovered');
  }
  return item;
}

/**
 * Streams one unit from the source into a sink upload. Resumes a recorded upload session from
 * the offset the sink confirms, saving progress as the sink confirms bytes; the source is read
 * from whatever offset the sink asks for. Throws whatever the source or sink throws.
 *
 * The unit ends `uploaded` in memory only: its save is left to the caller (`flushSoon` shares
 * it with the other lanes'). A kill before that save finds the unit not uploaded and uploads it
 * again; it cannot have been created, because the create stage saves every unit it sends
 * before the call (see `CreateStage`).
 */
export async function transferUnit(ctx: StageContext, start: ItemState): Promise<void> {
  const { store, source, sink, emit, signal } = ctx;
  const key = start.key;
  let item = start;
  let pending: SourceStream | undefined = await source.openUnit(
    item,
    item.upload?.offset ?? 0,
    signal,
  );
  // Ends when the unit's outcome is recorded (or the transfer failed).
  let endReservation = () => {};
  try {
    const size = pending.totalSize;
    if (item.status === 'discovered' && (size === 0 || size > sizeLimit(ctx, item))) {
      const skip =
        size === 0
          ? { reason: 'empty-file' as const, detail: 'The storage served an empty file.' }
          : {
              reason: 'too-large' as const,
              detail: `${size} bytes is over Google Photos' ${item.kind} limit.`,
            };
      store.transition(key, 'skipped', { skip, servedSize: size });
      await store.flush();
      emit({
        type: 'unit-done',
        key,
        fileName: item.fileName,
        status: 'skipped',
        detail: skip.detail,
      });
      return;
    }
    // Reserved before anything is sent: a budget stop leaves the unit as it was.
    endReservation = await ctx.budget.reserveUpload(size, item.upload !== undefined);
    emit({ type: 'unit-started', key, fileName: item.fileName, size, offset: pending.offset });
    let sent = 0;
    const bytesOut = byteProgress(emit, key, size);
    const result = await sink.upload({
      fileName: item.fileName,
      mimeType: item.mimeType,
      size,
      ...(item.upload ? { resume: item.upload } : {}),
      signal,
      open: async (offset) => {
        if (pending && pending.offset === offset) {
          const body = pending.body;
          pending = undefined;
          return body;
        }
        await closeStream(pending);
        pending = undefined;
        return (await source.openUnit(item, offset, signal)).body;
      },
      onProgress: async (progress) => {
        item = store.transition(key, 'uploading', { upload: progress, servedSize: size });
        sent = progress.offset;
        await store.flush();
      },
      onBytesSent: (bytes) => {
        sent += bytes;
        bytesOut.report(sent);
      },
    });
    bytesOut.flush();
    store.transition(key, 'uploaded', {
      uploadToken: result.uploadToken,
      uploadedAt: result.uploadedAt,
      tokenExpiresAt: result.expiresAt,
      servedSize: size,
      upload: undefined,
    });
    emit({ type: 'unit-done', key, fileName: item.fileName, status: 'uploaded' });
  } finally {
    endReservation();
    await closeStream(pending);
  }
}

function sizeLimit(ctx: StageContext, item: ItemState): number {
  return item.kind === 'photo' ? ctx.sink.limits.maxPhotoBytes : ctx.sink.limits.maxVideoBytes;
}

async function closeStream(stream: SourceStream | undefined): Promise<void> {
  const iterator = stream?.body[Symbol.asyncIterator]();
  await iterator?.return?.().catch(() => {});
}
