/**
 * Item thumbnails. `GET /media/{id}` reports `thumbnail_available` (spec §2.4) and, when true, a
 * pre-signed CDN link `thumbnail_url` to a small picture (the link field is this emulator's
 * model [?]: the spec's old token-keyed host is gone). The CDN serves a generated PNG there.
 */
import type { ServerResponse } from 'node:http';
import { thumbnailPng } from '../shared/thumbnail-png.js';
import type { GoProContext } from './context.js';
import type { EmulatedMedia } from './media-record.js';

/** The thumbnail's label in CDN paths. */
export const THUMBNAIL_LABEL = 'thumbnail';

/** Whether an item has a thumbnail: only once GoPro has processed it. */
export function thumbnailAvailable(media: EmulatedMedia): boolean {
  return media.readyToView === 'ready';
}

/** The CDN path of an item's thumbnail. */
export function thumbnailPath(ctx: GoProContext, media: EmulatedMedia): string {
  return `/${ctx.library.ownerId}/${media.numericId}/${THUMBNAIL_LABEL}/default/1.png`;
}

/** `thumbnail_url` for an item's record, when it has a thumbnail. */
export function thumbnailFields(ctx: GoProContext, media: EmulatedMedia) {
  if (!thumbnailAvailable(media)) return {};
  const url = ctx.signer.sign(ctx.cdnBase, thumbnailPath(ctx, media), 'GET', 'thumbnail.png');
  return { thumbnail_url: url };
}

/** Sends the thumbnail PNG (the signature was checked by the caller). */
export function sendThumbnail(res: ServerResponse, media: EmulatedMedia, head: boolean): void {
  const png = thumbnailPng(`${media.id}:${media.type}`, 256, 192);
  res.writeHead(200, { 'content-type': 'image/png', 'content-length': png.length });
  res.end(head ? undefined : png);
}
