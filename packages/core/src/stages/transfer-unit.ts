import type { ItemState } from '../model/item-state.js';
import type { SourceStream } from '../protocol/media-source.js';
import type { StageContext } from './stage-context.js';

/**
 * Streams one unit from the source into a sink upload. Resumes a recorded upload session from
 * the offset the sink confirms, saving progress as the sink confirms bytes; the source is read
 * from whatever offset the sink asks for. Throws whatever the source or sink throws.
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
    emit({ type: 'unit-started', key, fileName: item.fileName, size, offset: pending.offset });
    let sent = 0;
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
        emit({ type: 'bytes', key, sent: Math.min(sent, size), size });
      },
    });
    store.transition(key, 'uploaded', {
      uploadToken: result.uploadToken,
      uploadedAt: result.uploadedAt,
      tokenExpiresAt: result.expiresAt,
      servedSize: size,
      upload: undefined,
    });
    await store.flush();
    emit({ type: 'unit-done', key, fileName: item.fileName, status: 'uploaded' });
  } finally {
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
