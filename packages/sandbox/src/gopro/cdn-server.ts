import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { parseRange } from './byte-range.js';
import { enter, type GoProContext, layoutOf } from './context.js';
import { waitDrain } from './drain.js';
import { applyCommonFault, s3Error } from './http-faults.js';
import { contentKey, findObject } from './media-objects.js';
import { sendThumbnail, THUMBNAIL_LABEL, thumbnailAvailable } from './thumbnails.js';

const REJECTIONS = {
  expired: ['AccessDenied', 'Request has expired'],
  'session-ended': ['ExpiredToken', 'The provided token has expired.'],
  'bad-signature': [
    'SignatureDoesNotMatch',
    'The request signature we calculated does not match the signature you provided.',
  ],
  missing: ['AccessDenied', 'Query-string authentication requires the Signature parameters'],
} as const;

/**
 * The CDN origin (spec §3.4–3.5): pre-signed URLs per method, 403 XML when expired or used
 * with the other method, 400 `ExpiredToken` XML when the URL's signing session ended before
 * its own expiry (spec §7 G3), 400 when an Authorization header is present, Range → 206, 416,
 * Content-Disposition, optional per-connection throttling. Route faults (`cdn.get`,
 * `cdn.head`): any common fault, `reset-mid-body` (after `afterBytes`, default half the
 * body) and `slow-body` (`delayMs` between 64 KiB chunks).
 */
export function createCdnHandler(ctx: GoProContext) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://cdn.invalid');
    ctx.cdnLog.push({
      method,
      path: url.pathname,
      range: req.headers.range ?? null,
      authorization: req.headers.authorization !== undefined,
    });
    if (ctx.cdnLog.length > 1000) ctx.cdnLog.shift();
    if (method !== 'GET' && method !== 'HEAD') {
      return s3Error(res, 405, 'MethodNotAllowed', 'The specified method is not allowed');
    }
    if (req.headers.authorization !== undefined) {
      return s3Error(res, 400, 'InvalidArgument', 'Only one auth mechanism allowed');
    }
    const fault = enter(ctx, method === 'HEAD' ? 'cdn.head' : 'cdn.get');
    if (await applyCommonFault(res, fault, 'xml')) return;
    const [, owner, numeric, label, , file] = url.pathname.split('/');
    const media =
      owner === ctx.library.ownerId ? ctx.library.byNumericId(Number(numeric)) : undefined;
    if (media && label === THUMBNAIL_LABEL && thumbnailAvailable(media)) {
      const rejection = ctx.signer.verify(method, url.pathname, url.searchParams);
      if (rejection) return s3Error(res, 403, REJECTIONS[rejection][0], REJECTIONS[rejection][1]);
      return sendThumbnail(res, media, method === 'HEAD');
    }
    const itemNumber = Number.parseInt(file ?? '', 10);
    const object = media && label ? findObject(media, layoutOf(ctx), label, itemNumber) : undefined;
    if (!media || !object?.available) {
      return s3Error(res, 404, 'NoSuchKey', 'The specified key does not exist.');
    }
    const rejection = ctx.signer.verify(method, url.pathname, url.searchParams);
    if (rejection) {
      const [code, message] = REJECTIONS[rejection];
      // S3 answers an ended STS session with 400, everything else with 403 (spec §7 G3)
      return s3Error(res, rejection === 'session-ended' ? 400 : 403, code, message);
    }
    const size = object.size;
    const range = parseRange(req.headers.range, size);
    const headers: Record<string, string | number> = {
      'content-type': object.type === 'jpg' ? 'image/jpeg' : 'application/octet-stream',
      'accept-ranges': 'bytes',
      etag: `"${media.id}-${object.label}-${object.itemNumber}"`,
      'content-disposition':
        url.searchParams.get('response-content-disposition') ??
        `attachment; filename=${object.name}`,
    };
    if (range === 'unsatisfiable') {
      res.writeHead(416, { ...headers, 'content-range': `bytes */${size}`, 'content-length': 0 });
      return void res.end();
    }
    const start = range?.start ?? 0;
    const end = range?.end ?? size - 1;
    headers['content-length'] = end - start + 1;
    if (range) headers['content-range'] = `bytes ${start}-${end}/${size}`;
    res.writeHead(range ? 206 : 200, headers);
    if (method === 'HEAD') return void res.end();
    const kind = fault?.rule.kind;
    const length = end - start + 1;
    const resetAt =
      kind === 'reset-mid-body'
        ? Math.min(fault?.rule.afterBytes ?? Math.floor(length / 2), length - 1)
        : -1;
    const bps = ctx.options.cdn.bandwidthBytesPerSecond;
    const chunkSize = bps ? Math.max(1024, Math.min(65_536, Math.floor(bps / 20))) : 65_536;
    let sent = 0;
    for (const chunk of ctx.content.read(contentKey(media, object), start, end + 1, chunkSize)) {
      if (res.destroyed) return;
      let piece = chunk;
      if (resetAt >= 0 && sent + piece.length > resetAt) {
        piece = piece.subarray(0, resetAt - sent);
        res.write(piece, () => res.socket?.destroy());
        return;
      }
      sent += piece.length;
      if (!res.write(piece)) await waitDrain(res);
      if (bps) await delay(Math.round((piece.length / bps) * 1000));
      if (kind === 'slow-body') await delay(fault?.rule.delayMs ?? 50);
    }
    res.end();
  };
}
