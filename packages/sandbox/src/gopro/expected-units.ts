import { createHash } from 'node:crypto';
import { type GoProContext, layoutOf } from './context.js';
import { contentKey, originalObjects } from './media-objects.js';
import type { EmulatedMedia } from './media-record.js';

/** One original file of the library, as a correct client should transfer it. */
export interface ExpectedUnit {
  mediaId: string;
  /** Part name: `source`, `raw`, `chapter-<n>`, `frame-<n>`, `render` or `rendered` (360). */
  part: string;
  /** The camera file name (Content-Disposition). */
  cameraName: string;
  /** Bytes the CDN serves. */
  size: number;
  /** GoPro `type` and processing state of the item. */
  type: string;
  readyToView: string;
  capturedAt: string;
  /** The emulator's kind of the item (`chaptered-video`, `max360`, …) and fixture name. */
  kind: string;
  fixture?: string;
}

function toUnits(ctx: GoProContext, media: EmulatedMedia): ExpectedUnit[] {
  return originalObjects(media, layoutOf(ctx)).map((object) => ({
    mediaId: media.id,
    part: object.original!,
    cameraName: object.name,
    size: object.size,
    type: media.type,
    readyToView: media.readyToView,
    capturedAt: new Date(media.capturedMs).toISOString(),
    kind: media.kind,
    ...(media.fixture ? { fixture: media.fixture } : {}),
  }));
}

/** Every original of the library (or of one item), newest capture first; no export renders. */
export function expectedUnits(ctx: GoProContext, mediaId?: string): ExpectedUnit[] {
  if (mediaId !== undefined) {
    const media = ctx.library.byId(mediaId);
    return media ? toUnits(ctx, media) : [];
  }
  // export renders are near-duplicates a correct client never lists (spec §7 G1)
  return ctx.library.media.filter((m) => !m.exportRender).flatMap((media) => toUnits(ctx, media));
}

function locate(ctx: GoProContext, mediaId: string, part: string) {
  const media = ctx.library.byId(mediaId);
  const object = media && originalObjects(media, layoutOf(ctx)).find((o) => o.original === part);
  if (!media || !object) throw new Error(`no original "${part}" in media ${mediaId}`);
  return { media, object };
}

/** SHA-256 (hex) of the bytes the CDN serves for one original. Cost grows with its size. */
export function expectedSha256(ctx: GoProContext, mediaId: string, part: string): string {
  const { media, object } = locate(ctx, mediaId, part);
  const hash = createHash('sha256');
  for (const chunk of ctx.content.read(contentKey(media, object), 0, object.size, 1 << 20)) {
    hash.update(chunk);
  }
  return hash.digest('hex');
}

/** The served bytes of one original in [start, end), produced on the fly. */
export function expectedBytes(
  ctx: GoProContext,
  mediaId: string,
  part: string,
  start = 0,
  end?: number,
): Iterable<Uint8Array> {
  const { media, object } = locate(ctx, mediaId, part);
  return ctx.content.read(
    contentKey(media, object),
    start,
    Math.min(end ?? object.size, object.size),
  );
}
