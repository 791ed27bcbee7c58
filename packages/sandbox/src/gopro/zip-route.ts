import type { ServerResponse } from 'node:http';
import type { FiredFault } from '../shared/faults.js';
import { sendJson } from '../shared/http-server.js';
import { type GoProContext, layoutOf } from './context.js';
import { waitDrain } from './drain.js';
import { contentKey, originalObjects } from './media-objects.js';
import { type ZipMember, zipStream } from './zip-stream.js';

/**
 * `GET /media/x/zip/source?ids=…` (spec §3.6): a zip streamed with no Content-Length, one
 * member per physical original (each chapter, each frame, JPEG and GPR). Route faults
 * (`gopro.zip`): `drop-member` (the first video member, else the last member, is missing)
 * and `truncate` (the stream ends cleanly after `afterBytes`, default 1,000, bytes).
 */
export async function handleZip(
  ctx: GoProContext,
  res: ServerResponse,
  url: URL,
  fault: FiredFault | undefined,
): Promise<void> {
  const ids = (url.searchParams.get('ids') ?? '').split(',').filter(Boolean);
  const items = ids.map((id) => ctx.library.byId(id));
  if (ids.length === 0 || items.some((m) => !m)) {
    return sendJson(res, 404, { error: 'not_found', error_description: 'unknown media id' });
  }
  const members: ZipMember[] = [];
  for (const media of items) {
    if (!media) continue;
    for (const object of originalObjects(media, layoutOf(ctx))) {
      const name = ctx.options.cdn.zipLowercaseExtensions
        ? object.name.replace(/\.[^.]+$/, (ext) => ext.toLowerCase())
        : object.name;
      members.push({
        name,
        size: object.size,
        bytes: () => ctx.content.read(contentKey(media, object), 0, object.size),
      });
    }
  }
  if (fault?.rule.kind === 'drop-member' && members.length > 0) {
    const video = members.findIndex((m) => /\.(mp4|360)$/i.test(m.name));
    members.splice(video >= 0 ? video : members.length - 1, 1);
  }
  const limit = fault?.rule.kind === 'truncate' ? (fault.rule.afterBytes ?? 1000) : Infinity;
  res.writeHead(200, {
    'content-type': 'application/zip',
    'content-disposition': 'attachment; filename=gopro-media.zip',
  });
  let sent = 0;
  for (const chunk of zipStream(members, new Date(ctx.clock.now()))) {
    if (res.destroyed) return;
    const piece = chunk.subarray(0, Math.max(0, limit - sent));
    sent += piece.length;
    if (piece.length > 0 && !res.write(piece)) await waitDrain(res);
    if (sent >= limit) break;
  }
  res.end();
}
