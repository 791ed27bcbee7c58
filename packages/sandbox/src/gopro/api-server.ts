import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../shared/http-server.js';
import { authenticate } from './auth-check.js';
import { enter, type GoProContext, layoutOf } from './context.js';
import { downloadDescriptor } from './descriptor.js';
import { applyCommonFault } from './http-faults.js';
import { fullRecord, project } from './media-json.js';
import { listedFileSize } from './media-record.js';
import { handleToken } from './oauth.js';
import { handleSearch, STALE_FAULT_BYTES } from './search.js';
import { thumbnailFields } from './thumbnails.js';
import { handleZip } from './zip-route.js';

/** Which route a request is, by method and path. */
function routeOf(method: string, path: string): { route: string; id?: string } | undefined {
  if (method === 'POST' && path === '/v1/oauth2/token') return { route: 'gopro.token' };
  if (method !== 'GET') return undefined;
  if (path === '/media/search') return { route: 'gopro.search' };
  if (path === '/media/user') return { route: 'gopro.user' };
  if (path === '/media/x/zip/source') return { route: 'gopro.zip' };
  const m = /^\/media\/([^/]+)(\/download)?$/.exec(path);
  if (!m) return undefined;
  return { route: m[2] ? 'gopro.download' : 'gopro.item', id: decodeURIComponent(m[1]!) };
}

/**
 * The `api.gopro.com` emulator: one fault hook and one auth check in front of search, item,
 * download descriptors, user, zip export and the OAuth token endpoint.
 */
export function createApiHandler(ctx: GoProContext) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://api.invalid');
    const match = routeOf(req.method ?? 'GET', url.pathname);
    if (!match) return sendJson(res, 404, { error: 'not_found' });
    const fault = enter(ctx, match.route);
    if (await applyCommonFault(res, fault, 'json')) return;
    if (match.route === 'gopro.token') return handleToken(ctx, req, res);
    const auth = authenticate(ctx, req, url, match.route === 'gopro.zip');
    if (!auth.ok) return sendJson(res, auth.status, auth.body);
    switch (match.route) {
      case 'gopro.search':
        return handleSearch(ctx, res, url, fault);
      case 'gopro.zip':
        return handleZip(ctx, res, url, fault);
      case 'gopro.user':
        return sendJson(res, 200, userRecord(ctx));
    }
    const media = ctx.library.byId(match.id ?? '');
    if (!media)
      return sendJson(res, 404, { error: 'not_found', error_description: 'no such media' });
    if (match.route === 'gopro.download') return sendJson(res, 200, downloadDescriptor(ctx, media));
    const stale = fault?.rule.kind === 'stale-size' ? STALE_FAULT_BYTES : 0;
    const record = {
      ...fullRecord(ctx.library, media, layoutOf(ctx), stale),
      ...thumbnailFields(ctx, media),
    };
    const fields = url.searchParams.get('fields');
    const body = fields
      ? project(record, fields.split(',').filter(Boolean), ctx.options.search.alwaysFields)
      : record;
    return sendJson(res, 200, body);
  };
}

function userRecord(ctx: GoProContext) {
  const { media } = ctx.library;
  let storage = 0;
  for (const m of media) storage += listedFileSize(m) ?? 0;
  const stamp = new Date(Date.UTC(2020, 0, 1)).toISOString();
  const pool = { total_count: media.length, total_storage: storage };
  return {
    id: ctx.library.ownerId,
    ...pool,
    non_exempt_storage_limit: 26_843_545_600,
    exempt: pool,
    non_exempt: { total_count: 0, total_storage: 0 },
    created_at: stamp,
    updated_at: stamp,
  };
}
