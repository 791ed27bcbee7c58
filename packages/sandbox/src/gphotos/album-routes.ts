import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { sendJson } from '../shared/http-server.js';
import type { EmulatorContext } from './context.js';
import { admit } from './guard.js';
import { readJsonBody } from './json-body.js';
import { sendApiError } from './responses.js';
import { ROUTE_SCOPES } from './scopes.js';
import { albumJson, decodePageToken, paginate } from './wire.js';

const CreateAlbumSchema = z.looseObject({
  album: z.looseObject({ title: z.string().min(1).max(500) }),
});
const IdsSchema = z.looseObject({ mediaItemIds: z.array(z.string()).min(1) });

/** Routes under `/v1/albums` (create, list, get, batchAdd/RemoveMediaItems). */
export async function handleAlbums(
  ctx: EmulatorContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const rest = url.pathname.slice('/v1/albums'.length);
  if (req.method === 'POST' && rest === '') return createAlbum(ctx, req, res);
  if (req.method === 'GET' && rest === '') return listAlbums(ctx, req, res, url);
  const match = /^\/([^/:]+)(?::(batchAddMediaItems|batchRemoveMediaItems))?$/.exec(rest);
  if (!match) return sendApiError(res, 404, 'Not found.');
  const [, albumId = '', action] = match;
  if (req.method === 'GET' && !action) {
    const admitted = admit(ctx, req, res, 'gphotos.albums', ROUTE_SCOPES.read);
    if (!admitted) return;
    const album = ctx.library.albums.get(albumId);
    if (!album || album.clientId !== admitted.grant.clientId) {
      return sendApiError(res, 404, 'Requested entity was not found.');
    }
    return sendJson(res, 200, albumJson(album));
  }
  if (req.method === 'POST' && action) return changeMembers(ctx, req, res, albumId, action);
  sendApiError(res, 404, 'Not found.');
}

async function createAlbum(ctx: EmulatorContext, req: IncomingMessage, res: ServerResponse) {
  const admitted = admit(ctx, req, res, 'gphotos.albums', ROUTE_SCOPES.write, { write: true });
  if (!admitted) return;
  const parsed = CreateAlbumSchema.safeParse(await readJsonBody(req));
  if (!parsed.success) return sendApiError(res, 400, 'Invalid album.');
  const album = ctx.library.createAlbum(parsed.data.album.title, admitted.grant.clientId);
  sendJson(res, 200, albumJson(album));
}

function listAlbums(ctx: EmulatorContext, req: IncomingMessage, res: ServerResponse, url: URL) {
  const admitted = admit(ctx, req, res, 'gphotos.albums', ROUTE_SCOPES.read);
  if (!admitted) return;
  const pageSize = Number(url.searchParams.get('pageSize') ?? 20);
  const offset = decodePageToken(url.searchParams.get('pageToken'));
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 50 || offset === undefined) {
    return sendApiError(res, 400, 'Invalid pageSize or pageToken.');
  }
  const all = ctx.library.visibleAlbums(admitted.grant.clientId);
  const { page, nextPageToken } = paginate(all, offset, pageSize, ctx.options.pageOverlap);
  sendJson(res, 200, {
    ...(page.length > 0 ? { albums: page.map(albumJson) } : {}),
    ...(nextPageToken ? { nextPageToken } : {}),
  });
}

async function changeMembers(
  ctx: EmulatorContext,
  req: IncomingMessage,
  res: ServerResponse,
  albumId: string,
  action: string,
) {
  const add = action === 'batchAddMediaItems';
  const scopes = add ? ROUTE_SCOPES.addToAlbum : ROUTE_SCOPES.edit;
  const admitted = admit(ctx, req, res, 'gphotos.albums', scopes, { write: true });
  if (!admitted) return;
  const clientId = admitted.grant.clientId;
  const parsed = IdsSchema.safeParse(await readJsonBody(req));
  if (!parsed.success) return sendApiError(res, 400, 'Request must contain media item ids.');
  const ids = parsed.data.mediaItemIds;
  if (ids.length > 50) return sendApiError(res, 400, 'Request must have less than 50 items.');
  const album = ctx.library.albums.get(albumId);
  if (!album || album.clientId !== clientId) {
    return sendApiError(res, 400, 'No permission to add media items to this album.');
  }
  const valid = ids.every((id) => ctx.library.items.get(id)?.clientId === clientId);
  if (!valid) return sendApiError(res, 400, 'Request contains an invalid media item id.');
  const fresh = new Set(ids.filter((id) => !album.itemIds.includes(id)));
  if (add && album.itemIds.length + fresh.size > ctx.options.albumCapacity) {
    return sendApiError(res, 400, 'The album is full.');
  }
  if (add) ctx.library.placeInAlbum(album, ids, album.itemIds.length);
  else album.itemIds = album.itemIds.filter((id) => !ids.includes(id));
  sendJson(res, 200, {});
}
