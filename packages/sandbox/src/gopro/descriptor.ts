import { type GoProContext, layoutOf } from './context.js';
import { descriptorEntries, type MediaObject } from './media-objects.js';
import type { EmulatedMedia } from './media-record.js';

/** The CDN path of an object: `/<owner>/<numeric id>/<label>/<camera position>/<n>.<ext>`. */
export function objectPath(ctx: GoProContext, media: EmulatedMedia, object: MediaObject): string {
  return `/${ctx.library.ownerId}/${media.numericId}/${object.label}/default/${object.itemNumber}.${object.type}`;
}

function urls(ctx: GoProContext, media: EmulatedMedia, object: MediaObject) {
  const path = objectPath(ctx, media, object);
  return {
    url: ctx.signer.sign(ctx.cdnBase, path, 'GET', object.name),
    head: ctx.signer.sign(ctx.cdnBase, path, 'HEAD', object.name),
  };
}

/** The `GET /media/{id}/download` body of spec §3.1, with freshly signed URLs. */
export function downloadDescriptor(ctx: GoProContext, media: EmulatedMedia) {
  const files: Record<string, unknown>[] = [];
  const variations: Record<string, unknown>[] = [];
  const sidecarFiles: Record<string, unknown>[] = [];
  for (const { section, object } of descriptorEntries(media, layoutOf(ctx))) {
    const common = { ...urls(ctx, media, object), available: object.available };
    if (section === 'files') {
      files.push({
        ...common,
        camera_position: 'default',
        item_number: object.itemNumber,
        width: object.width,
        height: object.height,
        orientation: 1,
        transforms: null,
        urls: [],
        heads: [],
      });
    } else if (section === 'variations') {
      variations.push({
        ...common,
        label: object.label,
        type: object.type,
        quality: object.quality,
        width: object.width,
        height: object.height,
        item_number: object.itemNumber,
        camera_position: 'default',
        transforms: null,
      });
    } else {
      sidecarFiles.push({
        ...common,
        label: object.label,
        type: object.type,
        fps: 29.97,
        item_number: object.itemNumber,
        task_version: 1,
      });
    }
  }
  return {
    filename: media.filename,
    _embedded: { files, variations, sprites: [], sidecar_files: sidecarFiles },
  };
}
