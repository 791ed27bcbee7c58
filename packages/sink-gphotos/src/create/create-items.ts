import {
  type CreateItemResult,
  isQ2gError,
  type NewMediaItem,
  Q2gError,
  type RetryPolicy,
  withRetry,
} from '@q2google/core';
import type { ApiClient } from '../http/api-client.js';
import type { CreatedItemFinder } from '../listing/list-items.js';
import { BatchCreateResponseSchema } from '../schemas.js';
import { failed, mapResults } from './item-results.js';
import type { Mutex } from './mutex.js';

/** Most items one batchCreate accepts. */
export const MAX_BATCH_SIZE = 50;
/** Longest file name Google accepts in `simpleMediaItem.fileName`. */
export const MAX_FILE_NAME_LENGTH = 255;

/** What `createItems` needs from the sink. */
export interface CreateConfig {
  api: ApiClient;
  retry: RetryPolicy;
  now: () => number;
  /** Tokens with less time than this left are refused (re-upload instead): the sink's limit. */
  tokenMinRemainingMs: number;
  /** One batchCreate at a time for this account. */
  mutex: Mutex;
  findCreated: CreatedItemFinder;
}

/**
 * `mediaItems.batchCreate` for up to 50 items, serialized per account (spec §4). Rate-limit
 * 429s (nothing was created) are retried; a failure whose outcome is unknown (network, 5xx,
 * 409) is thrown with `details.outcomeUnknown` so the engine reconciles instead of re-sending.
 */
export async function createItems(
  config: CreateConfig,
  items: NewMediaItem[],
  options: { albumId?: string | null; signal?: AbortSignal } = {},
): Promise<CreateItemResult[]> {
  if (items.length > MAX_BATCH_SIZE) {
    throw new Q2gError(
      'INTERNAL',
      `createItems takes at most ${MAX_BATCH_SIZE} items, got ${items.length}.`,
    );
  }
  if (items.length === 0) return [];
  return config.mutex.run(async () => {
    const results: CreateItemResult[] = new Array(items.length);
    const toSend: { item: NewMediaItem; index: number }[] = [];
    const deadline = config.now() + config.tokenMinRemainingMs;
    items.forEach((item, index) => {
      if (item.fileName.length > MAX_FILE_NAME_LENGTH) {
        results[index] = failed(
          item,
          'INVALID_FILE_NAME',
          `File name longer than ${MAX_FILE_NAME_LENGTH} characters.`,
          false,
        );
      } else if (item.tokenExpiresAt && Date.parse(item.tokenExpiresAt) <= deadline) {
        results[index] = failed(
          item,
          'UPLOAD_TOKEN_EXPIRED',
          'The upload token expired; upload the bytes again.',
          true,
          true,
        );
      } else toSend.push({ item, index });
    });
    if (toSend.length > 0) {
      const sent = await createBatch(
        config,
        toSend.map((entry) => entry.item),
        options,
      );
      toSend.forEach((entry, i) => {
        results[entry.index] = sent[i]!;
      });
    }
    return results;
  });
}

async function createBatch(
  config: CreateConfig,
  items: NewMediaItem[],
  options: { albumId?: string | null; signal?: AbortSignal },
): Promise<CreateItemResult[]> {
  let response: Awaited<ReturnType<typeof callBatchCreate>>;
  try {
    response = await callBatchCreate(config, items, options);
  } catch (error) {
    if (isQ2gError(error, 'GPHOTOS_UPLOAD_TOKEN_EXPIRED')) {
      if (items.length === 1) {
        return [failed(items[0]!, 'INVALID_UPLOAD_TOKEN', error.message, true, true)];
      }
      // Google rejected the whole call for one bad token: find it by sending items one by one.
      const singles: CreateItemResult[] = [];
      for (const item of items) singles.push(...(await createBatch(config, [item], options)));
      return singles;
    }
    throw error;
  }
  const { results, lookups } = mapResults(items, response.newMediaItemResults);
  if (lookups.length > 0) {
    const found = await config
      .findCreated(
        lookups.map((lookup) => lookup.item),
        options.albumId ?? undefined,
        options.signal,
      )
      .catch(() => new Map<string, { id: string; productUrl?: string }>());
    for (const { index, item } of lookups) {
      const existing = found.get(item.key);
      if (existing) {
        results[index] = {
          key: item.key,
          outcome: 'created',
          mediaItemId: existing.id,
          ...(existing.productUrl ? { productUrl: existing.productUrl } : {}),
        };
      }
    }
  }
  return results;
}

/** The call itself; retries only failures that certainly created nothing (429 rate limits). */
async function callBatchCreate(
  config: CreateConfig,
  items: NewMediaItem[],
  options: { albumId?: string | null; signal?: AbortSignal },
) {
  const body = {
    ...(options.albumId ? { albumId: options.albumId } : {}),
    newMediaItems: items.map((item) => ({
      ...(item.description ? { description: item.description } : {}),
      simpleMediaItem: { uploadToken: item.uploadToken, fileName: item.fileName },
    })),
  };
  let ambiguous: Q2gError | undefined;
  const result = await withRetry(
    async () => {
      try {
        return await config.api.json(
          BatchCreateResponseSchema,
          'POST',
          '/v1/mediaItems:batchCreate',
          'batchCreate',
          body,
          options.signal,
        );
      } catch (error) {
        if (isQ2gError(error) && error.details?.outcomeUnknown === true) {
          ambiguous = error;
          return undefined;
        }
        throw error;
      }
    },
    config.retry,
    { signal: options.signal },
  );
  if (!result) throw ambiguous!;
  return result;
}
