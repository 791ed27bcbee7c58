import type { CreatedMediaItem } from '@q2google/core';
import { type ApiClient, readJson } from '../http/api-client.js';
import { type MediaItem, MediaItemPageSchema } from '../schemas.js';

/** Looks up items this app created by file name (optionally only in one album). */
export type CreatedItemFinder = (
  fileNames: string[],
  albumId?: string,
  signal?: AbortSignal,
) => Promise<Map<string, MediaItem>>;

/**
 * Every media item this app created, page by page (`GET /v1/mediaItems`, 100 per page), or the
 * items of one album (`mediaItems:search`). Pages may overlap; repeated ids are skipped.
 */
export async function* listMediaItems(
  api: ApiClient,
  options: { albumId?: string; signal?: AbortSignal } = {},
): AsyncGenerator<MediaItem> {
  const seen = new Set<string>();
  let pageToken: string | undefined;
  do {
    const page = options.albumId
      ? await readJson<typeof MediaItemPageSchema>(
          api,
          MediaItemPageSchema,
          'POST',
          '/v1/mediaItems:search',
          'mediaItems.search',
          {
            albumId: options.albumId,
            pageSize: 100,
            ...(pageToken ? { pageToken } : {}),
          },
          options.signal,
        )
      : await readJson<typeof MediaItemPageSchema>(
          api,
          MediaItemPageSchema,
          'GET',
          `/v1/mediaItems?pageSize=100${pageToken ? `&pageToken=${encodeURIComponent(pageToken)}` : ''}`,
          'mediaItems.list',
          undefined,
          options.signal,
        );
    for (const item of page.mediaItems) {
      if (seen.has(item.id)) continue;
      seen.add(item.id);
      yield item;
    }
    pageToken = page.nextPageToken;
  } while (pageToken);
}

/** The port's view of a listed item. */
export function toCreatedItem(item: MediaItem): CreatedMediaItem {
  return {
    id: item.id,
    fileName: item.filename ?? '',
    ...(item.productUrl ? { productUrl: item.productUrl } : {}),
    ...(item.description ? { description: item.description } : {}),
    ...(item.mediaMetadata?.creationTime ? { creationTime: item.mediaMetadata.creationTime } : {}),
  };
}

/** A finder that pages through the album (or the app's library) until every name is found. */
export function createItemFinder(api: ApiClient): CreatedItemFinder {
  return async (fileNames, albumId, signal) => {
    const wanted = new Set(fileNames);
    const found = new Map<string, MediaItem>();
    for await (const item of listMediaItems(api, { albumId, signal })) {
      if (item.filename && wanted.has(item.filename) && !found.has(item.filename)) {
        found.set(item.filename, item);
        if (found.size === wanted.size) break;
      }
    }
    return found;
  };
}
