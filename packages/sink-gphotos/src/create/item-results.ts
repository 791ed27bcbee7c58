import type { CreateItemResult, NewMediaItem } from '@q2google/core';
import type { NewMediaItemResult } from '../schemas.js';

const RPC_NAMES: Record<number, string> = {
  1: 'CANCELLED',
  2: 'UNKNOWN',
  3: 'INVALID_ARGUMENT',
  4: 'DEADLINE_EXCEEDED',
  5: 'NOT_FOUND',
  6: 'ALREADY_EXISTS',
  7: 'PERMISSION_DENIED',
  8: 'RESOURCE_EXHAUSTED',
  9: 'FAILED_PRECONDITION',
  10: 'ABORTED',
  13: 'INTERNAL',
  14: 'UNAVAILABLE',
};

/** Per-item codes worth retrying in a later batch (spec §4.6). */
const RETRYABLE = new Set([4, 10, 13, 14]);

/** A failed result for `item`. */
export function failed(
  item: NewMediaItem,
  code: string,
  message: string,
  retryable: boolean,
  reupload = false,
): CreateItemResult {
  return {
    key: item.key,
    outcome: 'failed',
    code,
    message,
    retryable,
    ...(reupload ? { reupload } : {}),
  };
}

/** Code 6 results that need a lookup: the item exists but the response did not name it. */
export interface ExistingLookup {
  index: number;
  item: NewMediaItem;
}

/**
 * Maps each requested item to its result — by echoed upload token first, position second —
 * and decides created / retryable / permanent / re-upload. Success is a status without code
 * (or code 0), whatever the HTTP status (200 or 207).
 */
export function mapResults(
  items: NewMediaItem[],
  results: NewMediaItemResult[],
): { results: CreateItemResult[]; lookups: ExistingLookup[] } {
  const byToken = new Map<string, NewMediaItemResult>();
  for (const result of results) if (result.uploadToken) byToken.set(result.uploadToken, result);
  const lookups: ExistingLookup[] = [];
  const mapped = items.map((item, index): CreateItemResult => {
    const result =
      byToken.get(item.uploadToken) ??
      (results.length === items.length ? results[index] : undefined);
    if (!result)
      return failed(
        item,
        'MISSING_RESULT',
        'Google Photos returned no result for this item.',
        true,
      );
    const code = result.status?.code ?? 0;
    const message = result.status?.message ?? '';
    if (code === 0) {
      if (!result.mediaItem)
        return failed(
          item,
          'MISSING_RESULT',
          'Google Photos reported success without a media item.',
          true,
        );
      return {
        key: item.key,
        outcome: 'created',
        mediaItemId: result.mediaItem.id,
        ...(result.mediaItem.productUrl ? { productUrl: result.mediaItem.productUrl } : {}),
      };
    }
    const name = RPC_NAMES[code] ?? `CODE_${code}`;
    if (code === 6) {
      if (result.mediaItem)
        return { key: item.key, outcome: 'created', mediaItemId: result.mediaItem.id };
      lookups.push({ index, item });
      return failed(item, name, message || 'The media item already exists.', false);
    }
    if (code === 3 && /upload token/i.test(message)) return failed(item, name, message, true, true);
    return failed(item, name, message || `Google Photos status ${code}.`, RETRYABLE.has(code));
  });
  return { results: mapped, lookups };
}
