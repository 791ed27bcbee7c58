import { type MediaUnit, Q2gError } from '@q2google/core';
import { mediaTypeOf, unitFileName } from './file-names.js';
import type { SearchItem } from './schemas.js';
import { cameraNameOf, EDIT_TYPES, type SelectedPart } from './select-parts.js';
import type { GoProSourceOptions } from './source-options.js';

/** What listing does with one search item: units at once, a descriptor first, or nothing. */
export type ItemPlan = { units: MediaUnit[] } | { needsDescriptor: true } | null;

const PHOTO_TYPES = new Set(['Photo', 'Burst', 'TimeLapse', 'Continuous']);

function capturedAt(item: SearchItem): string {
  const text = item.captured_at ?? item.created_at;
  const ms = text ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new Q2gError('GOPRO_BAD_RESPONSE', `GoPro media ${item.id} has no valid "captured_at".`, {
      details: { field: 'captured_at', mediaId: item.id },
    });
  }
  return new Date(ms).toISOString();
}

/** The capture instant of a search item in milliseconds (NaN when absent). */
export function capturedMs(item: SearchItem): number {
  return Date.parse(item.captured_at ?? item.created_at ?? '');
}

function unit(
  item: SearchItem,
  part: string,
  fileName: string,
  extension: string,
  size: number | null,
): MediaUnit {
  const out: MediaUnit = {
    key: `${item.id}/${part}`,
    mediaId: item.id,
    part,
    fileName,
    ...mediaTypeOf(extension),
    size,
    capturedAt: capturedAt(item),
  };
  if (item.type) out.sourceType = item.type;
  return out;
}

function skipped(item: SearchItem, reason: 'not-ready' | 'unsupported-type', detail: string) {
  const ext = (item.file_extension ?? '').toLowerCase() || 'bin';
  const name = unitFileName(item.id, item.filename, ext);
  return { ...unit(item, 'source', name, ext, item.file_size ?? null), skip: { reason, detail } };
}

/**
 * Decides from the search item alone. Single photos and videos become one `source` unit and
 * edits one `render` unit with no extra request; chaptered videos, bursts, RAW photos (unless
 * `raw: 'jpeg'`) and `.360` items with `max360: 'rendered'` need their download descriptor.
 */
export function planItem(item: SearchItem, options: GoProSourceOptions): ItemPlan {
  const type = item.type ?? '';
  const ext = (item.file_extension ?? '').toLowerCase();
  const state = item.ready_to_view ?? 'ready';
  if (EDIT_TYPES.has(type) && !options.edits) return null;
  if (state !== 'ready' && options.notReady === 'exclude') return null;
  if (state !== 'ready' && options.notReady === 'skip') {
    return { units: [skipped(item, 'not-ready', `GoPro is still processing it (${state}).`)] };
  }
  if (type === 'Audio')
    return { units: [skipped(item, 'unsupported-type', 'Audio files are not media.')] };
  if (ext === '360' && options.max360 === 'skip') {
    return { units: [skipped(item, 'unsupported-type', 'A .360 spherical video (MAX camera).')] };
  }
  if (EDIT_TYPES.has(type)) {
    const stem = (item.filename ?? '').replace(/\.[^.]*$/, '');
    const name = unitFileName(
      item.id,
      stem ? `${stem}.mp4` : '',
      'mp4',
      undefined,
      options.fileNameTag,
    );
    return { units: [unit(item, 'render', name, 'mp4', null)] };
  }
  const isPhoto = PHOTO_TYPES.has(type) || ext === 'jpg' || ext === 'jpeg';
  if ((item.item_count ?? 1) > 1 || ext === '360' || (isPhoto && options.raw !== 'jpeg')) {
    return { needsDescriptor: true };
  }
  const extension = ext || (isPhoto ? 'jpg' : 'mp4');
  const name = unitFileName(item.id, item.filename, extension, undefined, options.fileNameTag);
  return { units: [unit(item, 'source', name, extension, item.file_size ?? null)] };
}

/** The units of an item from the parts chosen in its descriptor. */
export function unitsFromParts(item: SearchItem, parts: SelectedPart[], tag = false): MediaUnit[] {
  if (parts.length === 0) {
    const detail =
      (item.file_extension ?? '').toLowerCase() === '360'
        ? 'A .360 spherical video with no rendered MP4 available.'
        : 'GoPro lists no downloadable original for it.';
    return [skipped(item, 'unsupported-type', detail)];
  }
  const names = parts.map(
    (p) => cameraNameOf(p.entry.url) ?? (p.part === 'source' ? item.filename : null),
  );
  const distinct = new Set(names.map((n) => n?.toLowerCase())).size === names.length;
  const single = parts.length === 1 || (parts.length === 2 && parts[1]!.part === 'raw');
  return parts.map((p, i) => {
    const label = (distinct && names[i]) || p.part === 'source' ? undefined : p.part;
    const size = p.part === 'source' && single ? (item.file_size ?? null) : null;
    return unit(
      item,
      p.part,
      unitFileName(item.id, names[i], p.extension, label, tag),
      p.extension,
      size,
    );
  });
}
