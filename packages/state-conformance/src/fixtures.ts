/**
 * Fixture builders: valid sessions, units in every status and batches in every status,
 * with the awkward values a backend must keep exactly (unicode names, sizes above 2^32,
 * null sizes, JSON source options). Exported for backends' own tests.
 */
import { randomUUID } from 'node:crypto';
import {
  type BatchState,
  CURRENT_SCHEMA_VERSION,
  type ItemState,
  type ItemStatus,
  ItemStatusSchema,
  type SessionState,
} from '@q2google/core';

/** Every unit status, in the model's order (core's `ItemStatusSchema`). */
export const ALL_STATUSES: readonly ItemStatus[] = ItemStatusSchema.options;

/** A fresh namespace for one run: `q2g_` + 12 hex digits (safe as a table prefix or folder). */
export function randomNamespace(): string {
  return `q2g_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
}

/** A fresh session id, valid for `SessionIdSchema`. */
export function randomSessionId(prefix = 's'): string {
  return `${prefix}-${randomUUID()}`;
}

const NAMES = ['GOPR0001.MP4', 'été à Noël 🎄.JPG', '日本語ファイル.mp4', 'emoji 🚴‍♀️🏔️.mp4'];
const T0 = Date.UTC(2024, 6, 14, 9, 12, 33, 120);

/** An ISO instant `minutes` after a fixed base time (deterministic fixtures). */
export function instant(minutes = 0): string {
  return new Date(T0 + minutes * 60_000).toISOString();
}

/** Options for {@link buildItem}. */
export interface BuildItemOptions {
  /** Unit key (default `unit-<index>`). */
  key?: string;
  /** Batch id for `creating` units (default `batch-0`). */
  batchId?: string;
}

/** A valid unit in `status`, with every field that status carries; `index` varies the values. */
export function buildItem(
  status: ItemStatus,
  index = 0,
  options: BuildItemOptions = {},
): ItemState {
  const key = options.key ?? `unit-${index}`;
  const big = index % 3 === 0;
  const base: ItemState = {
    key,
    mediaId: `media-${index}`,
    part: index % 2 === 0 ? 'source' : `chapter-${index}`,
    fileName: `${index}-${NAMES[index % NAMES.length]}`,
    mimeType: index % 2 === 0 ? 'video/mp4' : 'image/jpeg',
    kind: index % 2 === 0 ? 'video' : 'photo',
    size: index % 7 === 6 ? null : big ? 74_000_000_000 + index : 4_294_967_297 + index,
    capturedAt: instant(index),
    sourceType: index % 2 === 0 ? 'Video' : 'Photo',
    status,
    attempts: status === 'failed' ? 3 : 0,
    updatedAt: instant(index + 1),
  };
  if (big) base.servedSize = 74_000_000_000 + index;
  const upload = {
    url: `https://upload.example.test/session/${index}?upload_id=${key}`,
    offset: 2 ** 33 + index,
    granularity: 262_144,
    startedAt: instant(index + 2),
  };
  const token = { uploadToken: `token-${index}-ü`, uploadedAt: instant(index + 3) };
  const expires = { tokenExpiresAt: instant(index + 3 + 24 * 60) };
  switch (status) {
    case 'discovered':
      return base;
    case 'uploading':
      return { ...base, upload };
    case 'uploaded':
      return { ...base, ...token, ...expires };
    case 'creating':
      return { ...base, ...token, ...expires, batchId: options.batchId ?? 'batch-0' };
    case 'created':
      return {
        ...base,
        ...token,
        ...expires,
        batchId: options.batchId ?? 'batch-0',
        mediaItemId: `AKmedia${index}`,
        productUrl: `https://photos.example.test/lr/photo/AKmedia${index}`,
        createdAt: instant(index + 5),
      };
    case 'skipped':
      return { ...base, skip: { reason: 'too-large', detail: 'Bigger than 50 GB — « skipped »' } };
    case 'failed':
      return {
        ...base,
        error: {
          code: 'GPHOTOS_UPLOAD_FAILED',
          message: 'Upload failed: 503 “Service Unavailable”',
          retryable: true,
          at: instant(index + 4),
        },
      };
  }
}

/** A valid batch in `status` over `itemKeys`, with results once `done`. */
export function buildBatch(
  id: string,
  itemKeys: string[],
  status: BatchState['status'] = 'done',
): BatchState {
  const batch: BatchState = {
    id,
    itemKeys: [...itemKeys],
    status,
    albumId: 'album-🎞️-1',
    createdAt: instant(100),
  };
  if (status !== 'pending') batch.sentAt = instant(101);
  if (status === 'done') {
    batch.doneAt = instant(102);
    batch.reconciled = true;
    batch.results = Object.fromEntries(
      itemKeys.map((key, i) => [
        key,
        i % 2 === 0
          ? { outcome: 'created' as const, mediaItemId: `AK-${key}`, productUrl: 'https://x.test' }
          : {
              outcome: 'failed' as const,
              code: '3',
              message: 'INVALID_ARGUMENT',
              retryable: false,
            },
      ]),
    );
  }
  return batch;
}

/** Options for {@link buildSession}. */
export interface BuildSessionOptions {
  /** Session id (default a random one). */
  id?: string;
  /** How many units (default 14: every status twice). */
  items?: number;
  /** Statuses to cycle through (default all of them). */
  statuses?: readonly ItemStatus[];
  /** Album title, or null (default null). */
  album?: string | null;
  /** How many batches, one per status cycling pending/sent/done (default 3). */
  batches?: number;
  /** `createdAt`/`updatedAt` offset in minutes from the fixed base time (default 0). */
  at?: number;
}

/** A valid session with `items` units cycling through `statuses` and `batches` batches. */
export function buildSession(options: BuildSessionOptions = {}): SessionState {
  const statuses = options.statuses ?? ALL_STATUSES;
  const count = options.items ?? statuses.length * 2;
  const batchCount = options.batches ?? 3;
  const items: Record<string, ItemState> = {};
  for (let i = 0; i < count; i++) {
    const item = buildItem(statuses[i % statuses.length]!, i, { batchId: 'batch-0' });
    items[item.key] = item;
  }
  const keys = Object.keys(items);
  const batches: Record<string, BatchState> = {};
  const batchStatuses = ['done', 'sent', 'pending'] as const;
  for (let b = 0; b < batchCount; b++) {
    const batchKeys = keys.slice(b * 2, b * 2 + 2);
    const batch = buildBatch(
      `batch-${b}`,
      batchKeys.length > 0 ? batchKeys : ['unit-x'],
      batchStatuses[b % 3],
    );
    batches[batch.id] = batch;
  }
  const at = options.at ?? 0;
  return {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    id: options.id ?? randomSessionId(),
    range: { from: '2024-01-01T00:00:00.000Z', to: '2024-12-31T23:59:59.999Z' },
    options: {
      album: options.album === undefined ? null : options.album,
      mediaTypes: ['Video', 'Photo', 'Burst'],
      source: { raw: 'both', nested: { list: [1, 2.5, 'three', null, true] }, empty: {} },
    },
    albumId: options.album ? 'album-id-42' : null,
    discovery: { status: 'complete', cursor: null, unitsFound: count, completedAt: instant(at) },
    createdAt: instant(at),
    updatedAt: instant(at + 1),
    items,
    batches,
  };
}
