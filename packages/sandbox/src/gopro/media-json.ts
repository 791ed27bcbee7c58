import type { GoProLibrary } from './library.js';
import { descriptorEntries, type ObjectLayoutOptions } from './media-objects.js';
import { type EmulatedMedia, listedFileSize } from './media-record.js';
import { thumbnailAvailable } from './thumbnails.js';

/** Fields returned when a search sends no `fields` ([?] in the spec: this set is a guess). */
export const DEFAULT_SEARCH_FIELDS = [
  'id',
  'filename',
  'file_extension',
  'type',
  'captured_at',
  'created_at',
  'file_size',
  'item_count',
  'ready_to_view',
];

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The full JSON record of an item, as `GET /media/{id}` returns it (spec §2.4, §2.7). */
export function mediaRecord(
  library: GoProLibrary,
  media: EmulatedMedia,
  extraStale = 0,
): Record<string, unknown> {
  const size = listedFileSize(media);
  const isVideo = !['Photo', 'Burst', 'TimeLapse', 'Continuous'].includes(media.type);
  const durationMs = isVideo ? media.partSizes.map((s) => 1000 + (s % 600_000)) : [0];
  return {
    id: media.id,
    filename: media.filename,
    file_extension: media.fileExtension,
    type: media.type,
    captured_at: iso(media.capturedMs),
    created_at: iso(media.createdMs),
    updated_at: iso(media.createdMs + 60_000),
    file_size: size === null ? null : size + extraStale,
    width: media.width,
    height: media.height,
    resolution: isVideo ? `${media.height}p` : String(media.width * media.height),
    source_duration: String(durationMs.reduce((a, b) => a + b, 0)),
    item_durations: durationMs,
    item_count: media.partSizes.length,
    moments_count: 0,
    ready_to_view: media.readyToView,
    thumbnail_available: thumbnailAvailable(media),
    play_as: media.type === 'Burst' ? 'multi_shot_photo' : isVideo ? 'video' : 'photo',
    camera_model: media.cameraModel,
    gopro_user_id: library.ownerId,
    source_gumi: media.id.slice(0, 16),
    source_mgumi: media.id.slice(8),
    folder_path: `${library.ownerId}/${media.id}/`,
    region: 'us-west-2',
    captured_at_timezone: null,
    token: `eyJhbGciOiJIUzI1NiJ9.${Buffer.from(String(media.numericId)).toString('base64url')}.sig`,
  };
}

/** The record with `available_labels` added (derived from the item's descriptor). */
export function fullRecord(
  library: GoProLibrary,
  media: EmulatedMedia,
  layout: ObjectLayoutOptions,
  extraStale = 0,
): Record<string, unknown> {
  const labels = new Set(descriptorEntries(media, layout).map((e) => e.object.label));
  return { ...mediaRecord(library, media, extraStale), available_labels: [...labels] };
}

/** `record` reduced to `fields` plus the always-present keys. */
export function project(
  record: Record<string, unknown>,
  fields: readonly string[],
  always: readonly string[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of [...always, ...fields]) if (key in record) out[key] = record[key];
  return out;
}
