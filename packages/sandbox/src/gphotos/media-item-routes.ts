import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { sendJson } from '../shared/http-server.js';
import type { EmulatorContext } from './context.js';
import { admit } from './guard.js';
import { readJsonBody } from './json-body.js';
import type { StoredItem } from './library.js';
import { sendApiError } from './responses.js';
import { ROUTE_SCOPES } from './scopes.js';
import { decodePageToken, mediaItemJson, paginate } from './wire.js';

const SearchSchema = z.looseObject({
  albumId: z.string().optional(),
  pageSize: z.number().int().optional(),
  pageToken: z.string().optional(),
  filters: z
    .looseObject({
      mediaTypeFilter: z.looseObject({ mediaTypes: z.array(z.string()) }).optional(),
    })
    .optional(),
});

/** Routes under `/v1/mediaItems` other than batchCreate: list, search, get, batchGet. */
export async function handleMediaItems(
  ctx: EmulatorContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const admitted = admit(ctx, req, res, 'gphotos.list', ROUTE_SCOPES.read);
  if (!admitted) return;
  const clientId = admitted.grant.clientId;
  const rest = url.pathname.slice('/v1/mediaItems'.length);
  const visible = () => ctx.library.visibleItems(clientId);
  if (req.method === 'GET' && rest === '') {
    const size = Number(url.searchParams.get('pageSize') ?? 25);
    return sendPage(ctx, res, visible(), size, url.searchParams.get('pageToken'));
  }
  if (req.method === 'POST' && rest === ':search') {
    const parsed = SearchSchema.safeParse(await readJsonBody(req));
    if (!parsed.success) return sendApiError(res, 400, 'Invalid search request.');
    const { albumId, filters, pageSize = 25, pageToken } = parsed.data;
    if (albumId && filters) return sendApiError(res, 400, 'albumId and filters are exclusive.');
    let items = visible();
    if (albumId) {
      const album = ctx.library.albums.get(albumId);
      if (!album || album.clientId !== clientId) return sendApiError(res, 400, 'Invalid album.');
      items = album.itemIds.map((id) => ctx.library.items.get(id)).filter(isItem);
    }
    const types = filters?.mediaTypeFilter?.mediaTypes ?? [];
    if (types.includes('PHOTO')) items = items.filter((i) => i.mimeType.startsWith('image/'));
    if (types.includes('VIDEO')) items = items.filter((i) => i.mimeType.startsWith('video/'));
    return sendPage(ctx, res, items, pageSize, pageToken);
  }
  if (req.method === 'GET' && rest === ':batchGet') {
    const ids = url.searchParams.getAll('mediaItemIds');
    if (ids.length === 0 || ids.length > 50) return sendApiError(res, 400, 'Between 1 and 50 ids.');
    const mediaItemResults = ids.map((id) => {
      const item = ctx.library.items.get(id);
      return item?.clientId === clientId
        ? { mediaItem: mediaItemJson(item, false, baseUrlOf(ctx, item)) }
        : { status: { code: 5, message: 'Requested entity was not found.' } };
    });
    return sendJson(res, 200, { mediaItemResults });
  }
  const id = /^\/([^/:]+)$/.exec(rest)?.[1];
  const item = id ? ctx.library.items.get(id) : undefined;
  if (req.method === 'GET' && item?.clientId === clientId) {
    return sendJson(res, 200, mediaItemJson(item, false, baseUrlOf(ctx, item)));
  }
  sendApiError(res, 404, 'Requested entity was not found.');
}

function sendPage(
  ctx: EmulatorContext,
  res: ServerResponse,
  items: StoredItem[],
  pageSize: number,
  pageToken: string | null | undefined,
): void {
  const offset = decodePageToken(pageToken);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100 || offset === undefined) {
    sendApiError(res, 400, 'Invalid pageSize or pageToken.');
    return;
  }
  const { page, nextPageToken } = paginate(items, offset, pageSize, ctx.options.pageOverlap);
  sendJson(res, 200, {
    ...(page.length > 0
      ? { mediaItems: page.map((item) => mediaItemJson(item, false, baseUrlOf(ctx, item))) }
      : {}),
    ...(nextPageToken ? { nextPageToken } : {}),
  });
}

/** A fresh base URL of `item`, living `baseUrlTtlMs`. */
function baseUrlOf(ctx: EmulatorContext, item: StoredItem): string {
  return ctx.baseUrls.issue(ctx.baseUrl, item.id, ctx.now() + ctx.options.baseUrlTtlMs);
}

function isItem(item: StoredItem | undefined): item is StoredItem {
  return item !== undefined;
}
