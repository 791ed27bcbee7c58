/**
 * An item's thumbnail: `GET /media/{id}` tells whether one exists (`thumbnail_available`, spec
 * §2.4) and where (`thumbnail_url`, a pre-signed link [?]); the picture is fetched without
 * credentials, bounded in size and checked to be an image.
 */
import { abortError, Q2gError, readBoundedBody } from '@q2google/core';
import { z } from 'zod';
import type { GoProApi } from './api-client.js';
import { httpStatusError, networkError } from './http-errors.js';

/** A small picture of an item. */
export interface GoProThumbnail {
  bytes: Uint8Array;
  contentType: string;
}

const ThumbnailFieldsSchema = z.looseObject({
  thumbnail_available: z.boolean().nullish(),
  thumbnail_url: z.string().nullish(),
});

/** Largest thumbnail accepted (1 MiB). */
export const MAX_THUMBNAIL_BYTES = 1024 * 1024;

/** The thumbnail of media item `mediaId`, or null when GoPro has none. */
export async function fetchGoProThumbnail(
  deps: { api: GoProApi; fetch: typeof fetch },
  mediaId: string,
  signal?: AbortSignal,
): Promise<GoProThumbnail | null> {
  const what = 'GoPro thumbnail';
  const item = await deps.api.get(
    what,
    `/media/${encodeURIComponent(mediaId)}`,
    undefined,
    ThumbnailFieldsSchema,
    signal,
  );
  if (!item.thumbnail_available || !item.thumbnail_url) return null;
  let res: Response;
  try {
    res = await deps.fetch(item.thumbnail_url, signal ? { signal } : {});
  } catch (error) {
    if (signal?.aborted) throw abortError(signal);
    throw networkError(what, error);
  }
  const contentType = res.headers.get('content-type') ?? '';
  if (res.status !== 200) {
    await res.body?.cancel();
    throw httpStatusError(res.status, what, res.headers);
  }
  if (!/^image\/(png|jpeg|webp|gif)$/.test(contentType.split(';')[0]!.trim())) {
    await res.body?.cancel();
    throw new Q2gError('GOPRO_BAD_RESPONSE', `${what}: not an image (${contentType}).`);
  }
  let bytes: Uint8Array | undefined;
  try {
    bytes = await readBoundedBody(res, MAX_THUMBNAIL_BYTES);
  } catch (error) {
    throw networkError(what, error);
  }
  if (!bytes) {
    throw new Q2gError('GOPRO_BAD_RESPONSE', `${what}: larger than ${MAX_THUMBNAIL_BYTES} bytes.`);
  }
  return { bytes, contentType: contentType.split(';')[0]!.trim() };
}
