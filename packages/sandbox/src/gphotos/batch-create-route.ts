import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { z } from 'zod';
import type { FaultRule } from '../shared/faults.js';
import { sendJson } from '../shared/http-server.js';
import type { EmulatorContext } from './context.js';
import { admit, drain } from './guard.js';
import { readJsonBody } from './json-body.js';
import type { StoredAlbum } from './library.js';
import { dropConnection, sendApiError, sendQuotaError } from './responses.js';
import { ROUTE_SCOPES } from './scopes.js';
import type { UploadTokenEntry } from './upload-tokens.js';
import { mediaItemJson } from './wire.js';

const BatchCreateSchema = z.looseObject({
  albumId: z.string().optional(),
  albumPosition: z
    .looseObject({
      position: z.string(),
      relativeMediaItemId: z.string().optional(),
    })
    .optional(),
  newMediaItems: z.array(
    z.looseObject({
      description: z.string().optional(),
      simpleMediaItem: z.looseObject({ uploadToken: z.string(), fileName: z.string().optional() }),
    }),
  ),
});
type NewItem = z.infer<typeof BatchCreateSchema>['newMediaItems'][number];

const INVALID_TOKEN = 'Request must contain a valid upload token.';
const FAILED = 'Failed: There was an error while trying to create this media item.';
const ITEM_MESSAGES: Record<number, string> = {
  3: FAILED,
  6: 'EXISTS: There was an error while trying to create this media item.',
  13: FAILED,
};

/** `POST /v1/mediaItems:batchCreate` (spec §4), one writer per user at a time. */
export async function handleBatchCreate(
  ctx: EmulatorContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const admitted = admit(ctx, req, res, 'gphotos.batchCreate', ROUTE_SCOPES.write, { write: true });
  if (!admitted) return;
  const { user, clientId } = admitted.grant;
  if (ctx.writingUsers.has(user)) {
    drain(req);
    return sendQuotaError(res, 'concurrent', ctx.options.projectNumber);
  }
  ctx.writingUsers.add(user);
  try {
    await createBatch(ctx, req, res, clientId, admitted.fault?.rule);
  } finally {
    ctx.writingUsers.delete(user);
  }
}

async function createBatch(
  ctx: EmulatorContext,
  req: IncomingMessage,
  res: ServerResponse,
  clientId: string,
  fault: FaultRule | undefined,
): Promise<void> {
  const parsed = BatchCreateSchema.safeParse(await readJsonBody(req));
  if (!parsed.success) return sendApiError(res, 400, 'Invalid JSON payload received.');
  const body = parsed.data;
  if (body.newMediaItems.length === 0) return sendApiError(res, 400, 'Request must have items.');
  if (body.newMediaItems.length > 50) {
    return sendApiError(res, 400, 'Request must have less than 50 items.');
  }
  if (body.albumPosition && !body.albumId) {
    return sendApiError(res, 400, 'Album position requires an album id.');
  }
  let album: StoredAlbum | undefined;
  if (body.albumId) {
    album = ctx.library.albums.get(body.albumId);
    if (!album || album.clientId !== clientId) {
      return sendApiError(res, 400, 'No permission to add media items to this album.');
    }
  }
  const tokens = body.newMediaItems.map((item) => ctx.tokens.get(item.simpleMediaItem.uploadToken));
  const unusable = tokens.some((entry) => !usableOwner(ctx, entry, clientId));
  if (unusable && ctx.options.invalidTokenMode === 'whole-call') {
    return sendApiError(res, 400, INVALID_TOKEN, { reason: 'badRequest' });
  }
  if (fault?.kind === 'slow') await delay(fault.delayMs ?? 1_000);
  const created: string[] = [];
  const results = body.newMediaItems.map((item, index) => {
    const result = createOne(ctx, item, tokens[index], clientId);
    if (result.mediaItem && typeof result.mediaItem.id === 'string')
      created.push(result.mediaItem.id);
    return result;
  });
  if (album) placeCreated(ctx, album, created, body.albumPosition);
  if (fault?.kind === 'lost-response') return dropConnection(res);
  if (fault?.kind === 'slow-response') await delay(fault.delayMs ?? 1_000);
  const anyFailed = results.some((result) => 'code' in result.status);
  sendJson(res, anyFailed ? ctx.options.partialSuccessStatus : 200, {
    newMediaItemResults: results,
  });
}

interface ItemResult {
  uploadToken: string;
  status: { code?: number; message: string };
  mediaItem?: Record<string, unknown>;
}

function usableOwner(
  ctx: EmulatorContext,
  entry: UploadTokenEntry | undefined,
  clientId: string,
): boolean {
  if (!entry || entry.clientId !== clientId) return false;
  return !(entry.consumedBy && ctx.options.consumedTokenMode === 'invalid');
}

function createOne(
  ctx: EmulatorContext,
  item: NewItem,
  entry: UploadTokenEntry | undefined,
  clientId: string,
): ItemResult {
  const uploadToken = item.simpleMediaItem.uploadToken;
  const fail = (code: number, message = ITEM_MESSAGES[code] ?? FAILED): ItemResult => ({
    uploadToken,
    status: { code, message },
  });
  const fault = ctx.faults.next('gphotos.batchCreate.item');
  const injected = fault && /^item-code-(\d+)$/.exec(fault.rule.kind);
  if (injected) return fail(Number(injected[1]));
  if (!entry || !usableOwner(ctx, entry, clientId)) return fail(3, `Failed: ${INVALID_TOKEN}`);
  if (ctx.tokens.isExpired(entry)) return fail(3, 'Failed: The upload token has expired.');
  const fileName = item.simpleMediaItem.fileName ?? entry.fileName ?? 'unnamed';
  if (fileName.length > 255) return fail(3, 'Failed: The file name is longer than 255 characters.');
  if (!isMediaType(entry.mimeType) || !isSupportedFileName(fileName)) return fail(3);
  const library = ctx.library;
  let stored = entry.consumedBy ? library.items.get(entry.consumedBy) : undefined;
  if (stored && ctx.options.consumedTokenMode === 'exists') return fail(6);
  if (!stored && ctx.options.dedupByContent) {
    const existing = library.itemForContent(entry.sha256);
    if (existing?.clientId === clientId) stored = existing;
  }
  if (!stored) {
    const now = ctx.now();
    stored = library.addItem({
      filename: fileName,
      mimeType: entry.mimeType,
      description: item.description,
      sha256: entry.sha256,
      size: entry.size,
      clientId,
      creationTime: new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      createdAt: now,
      uploadToken,
    });
  }
  entry.consumedBy = stored.id;
  library.countCreateResult(entry.sha256, entry.size);
  return { uploadToken, status: { message: 'Success' }, mediaItem: mediaItemJson(stored, true) };
}

function placeCreated(
  ctx: EmulatorContext,
  album: StoredAlbum,
  ids: string[],
  position: { position: string; relativeMediaItemId?: string } | undefined,
): void {
  let index = album.itemIds.length;
  if (position?.position === 'FIRST_IN_ALBUM') index = 0;
  if (position?.position === 'AFTER_MEDIA_ITEM' && position.relativeMediaItemId) {
    const at = album.itemIds.indexOf(position.relativeMediaItemId);
    if (at >= 0) index = at + 1;
  }
  ctx.library.placeInAlbum(album, ids, index);
}

/** Extensions of the photo and video formats Google Photos documents (spec §6.1), RAW included. */
const SUPPORTED_EXTENSIONS = new Set(
  (
    'avif bmp gif heic heif ico jpg jpeg png tif tiff webp dng cr2 cr3 nef nrw arw orf raf rw2 ' +
    'pef srw 3gp 3g2 asf avi divx m2t m2ts m4v mkv mmv mod mov mp4 mpg mts tod wmv'
  ).split(' '),
);

/** False for a name whose extension is no documented format (e.g. GoPro RAW `.gpr`). */
function isSupportedFileName(fileName: string): boolean {
  const extension = /\.([^./\\]+)$/.exec(fileName)?.[1]?.toLowerCase();
  return extension === undefined || SUPPORTED_EXTENSIONS.has(extension);
}

function isMediaType(mimeType: string): boolean {
  if (mimeType.startsWith('image/') || mimeType.startsWith('video/')) return true;
  return mimeType === 'application/octet-stream';
}
