import { type CreatedMediaItem, type NewMediaItem, Q2gError } from '@q2google/core';
import { type ApiClient, readJson } from '../http/api-client.js';
import { type MediaItem, MediaItemPageSchema } from '../schemas.js';

/**
 * Looks up items this app created (optionally only in one album) for the given new items,
 * keyed by the new item's key; an item is found only when exactly one listed item may be it.
 */
export type CreatedItemFinder = (
  items: NewMediaItem[],
  albumId?: string,
  signal?: AbortSignal,
) => Promise<Map<string, MediaItem>>;

/**
 * Every media item this app created, page by page (`GET /v1/mediaItems`, 100 per page), or the
 * items of one album (`mediaItems:search`). Pages may overlap; repeated ids are skipped. With
 * `maxPages`, needing a page past the bound throws `SYNC_CREATE_UNCERTAIN` (the rest is unknown).
 */
export async function* listMediaItems(
  api: ApiClient,
  options: { albumId?: string; maxPages?: number; signal?: AbortSignal } = {},
): AsyncGenerator<MediaItem> {
  const seen = new Set<string>();
  let pageToken: string | undefined;
  let pages = 0;
  do {
    if (options.maxPages !== undefined && pages >= options.maxPages) {
      throw new Q2gError(
        'SYNC_CREATE_UNCERTAIN',
        `Stopped listing created items after ${pages} pages (the page bound); more remain.`,
        { details: { pages } },
      );
    }
    pages += 1;
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
    ...(item.mimeType ? { mimeType: item.mimeType } : {}),
  };
}

/**
 * True when a listed item may be `wanted`: camera file names repeat, so the same name is not
 * enough — the capture time Google read (to the second) and the MIME type must agree too.
 */
export function mayBeItem(listed: MediaItem, wanted: NewMediaItem): boolean {
  if (listed.filename !== wanted.fileName) return false;
  const creation = listed.mediaMetadata?.creationTime;
  if (creation && wanted.capturedAt && !sameSecond(creation, wanted.capturedAt)) return false;
  return !(listed.mimeType && wanted.mimeType && listed.mimeType !== wanted.mimeType);
}

function sameSecond(a: string, b: string): boolean {
  return Math.floor(Date.parse(a) / 1000) === Math.floor(Date.parse(b) / 1000);
}

/**
 * A finder that pages through the album (or the app's library): an item is found when exactly
 * one listed item may be it and no other wanted item could be that one too; never a guess.
 */
export function createItemFinder(api: ApiClient): CreatedItemFinder {
  return async (items, albumId, signal) => {
    const names = new Set(items.map((item) => item.fileName));
    const candidates = new Map<string, MediaItem[]>();
    for await (const listed of listMediaItems(api, { albumId, signal })) {
      if (!listed.filename || !names.has(listed.filename)) continue;
      for (const item of items) {
        if (mayBeItem(listed, item))
          candidates.set(item.key, [...(candidates.get(item.key) ?? []), listed]);
      }
    }
    const found = new Map<string, MediaItem>();
    for (const item of items) {
      const [only, ...more] = candidates.get(item.key) ?? [];
      const rival = items.some((other) => other !== item && only && mayBeItem(only, other));
      if (only && more.length === 0 && !rival) found.set(item.key, only);
    }
    return found;
  };
}
