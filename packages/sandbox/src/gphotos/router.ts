import type { IncomingMessage, ServerResponse } from 'node:http';
import { handleAlbums } from './album-routes.js';
import { BASE_URL_PATH, handleBaseUrl } from './base-urls.js';
import { handleBatchCreate } from './batch-create-route.js';
import type { EmulatorContext } from './context.js';
import { handleControl } from './control-routes.js';
import { handleMediaItems } from './media-item-routes.js';
import { handleAuthorize, handleToken } from './oauth-routes.js';
import { sendApiError } from './responses.js';
import { handleSessionCommand } from './session-routes.js';
import { handleUploadStart } from './upload-routes.js';

/** Dispatches one request to the route that serves it. */
export async function route(
  ctx: EmulatorContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? '/', ctx.baseUrl);
  const path = url.pathname;
  const method = req.method ?? 'GET';
  if (path === '/v1/uploads' && method === 'POST') {
    const uploadId = url.searchParams.get('upload_id');
    return uploadId
      ? handleSessionCommand(ctx, req, res, uploadId)
      : handleUploadStart(ctx, req, res);
  }
  if (path === '/v1/mediaItems:batchCreate' && method === 'POST') {
    return handleBatchCreate(ctx, req, res);
  }
  if (path === '/v1/mediaItems' || path.startsWith('/v1/mediaItems')) {
    return handleMediaItems(ctx, req, res, url);
  }
  if (path === '/v1/albums' || path.startsWith('/v1/albums/')) {
    return handleAlbums(ctx, req, res, url);
  }
  if (path.startsWith(BASE_URL_PATH) && method === 'GET') return handleBaseUrl(ctx, req, res, url);
  if (path === '/o/oauth2/v2/auth' && method === 'GET') return handleAuthorize(ctx, res, url);
  if (path === '/token' && method === 'POST') return handleToken(ctx, req, res);
  if (path.startsWith('/__sandbox/')) return handleControl(ctx, req, res, url);
  req.resume();
  sendApiError(res, 404, 'Not found.');
}
