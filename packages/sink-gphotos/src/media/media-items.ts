/**
 * Reading back what the app created: `mediaItems.batchGet` (at most 50 ids a call, the
 * app-created-data read scope) for fresh `baseUrl`s, and the picture behind a `baseUrl` with a
 * size suffix (`=w256-h256`). A base URL lives about an hour: when fetching fails, get the item
 * again for a new one.
 */
import { Q2gError, readBoundedBody } from '@q2google/core';
import { z } from 'zod';
import { type ApiClient, readJson } from '../http/api-client.js';
import { MediaItemSchema, RpcStatusSchema } from '../schemas.js';

/** A created item's picture link, as `batchGet` returned it. */
export interface MediaItemLink {
  id: string;
  /** Valid for about an hour from `fetchedAt`. */
  baseUrl: string;
  mimeType?: string;
  fetchedAt: number;
}

/** An image's bytes and type. */
export interface MediaImage {
  bytes: Uint8Array;
  contentType: string;
}

const BatchGetSchema = z.looseObject({
  mediaItemResults: z
    .array(
      z.looseObject({ mediaItem: MediaItemSchema.optional(), status: RpcStatusSchema.optional() }),
    )
    .default([]),
});

/** Ids per `batchGet` call (Google's limit). */
export const BATCH_GET_LIMIT = 50;
/** Largest picture accepted (4 MiB). */
export const MAX_IMAGE_BYTES = 4 * 1024 * 1024;

/** Fresh links of `ids`; ids Google does not return (deleted, not ours) are left out. */
export async function getMediaItems(
  api: ApiClient,
  ids: readonly string[],
  now: () => number,
  signal?: AbortSignal,
): Promise<MediaItemLink[]> {
  const links: MediaItemLink[] = [];
  for (let at = 0; at < ids.length; at += BATCH_GET_LIMIT) {
    const query = new URLSearchParams();
    for (const id of ids.slice(at, at + BATCH_GET_LIMIT)) query.append('mediaItemIds', id);
    const body = await readJson<typeof BatchGetSchema>(
      api,
      BatchGetSchema,
      'GET',
      `/v1/mediaItems:batchGet?${query}`,
      'mediaItems.batchGet',
      undefined,
      signal,
    );
    const fetchedAt = now();
    for (const { mediaItem } of body.mediaItemResults) {
      if (!mediaItem?.baseUrl) continue;
      links.push({
        id: mediaItem.id,
        baseUrl: mediaItem.baseUrl,
        ...(mediaItem.mimeType ? { mimeType: mediaItem.mimeType } : {}),
        fetchedAt,
      });
    }
  }
  return links;
}

/**
 * The picture at `baseUrl` scaled to fit `width` × `height` (Google's `=w…-h…` suffix). Throws
 * GPHOTOS_HTTP (with `details.status`) when refused, e.g. 403 for an expired link.
 */
export async function fetchBaseUrlImage(
  baseUrl: string,
  size: { width: number; height: number },
  options: { fetch?: typeof fetch; signal?: AbortSignal } = {},
): Promise<MediaImage> {
  const url = `${baseUrl}=w${Math.round(size.width)}-h${Math.round(size.height)}`;
  const what = 'Google Photos image';
  let res: Response;
  try {
    res = await (options.fetch ?? fetch)(url, options.signal ? { signal: options.signal } : {});
  } catch (error) {
    throw new Q2gError('GPHOTOS_NETWORK', `${what}: network error.`, {
      retryable: true,
      cause: error,
    });
  }
  const contentType = (res.headers.get('content-type') ?? '').split(';')[0]!.trim();
  if (res.status !== 200 || !/^image\/(png|jpeg|webp|gif)$/.test(contentType)) {
    await res.body?.cancel();
    throw new Q2gError(
      'GPHOTOS_HTTP',
      `${what}: ${res.status === 200 ? `not an image (${contentType})` : `HTTP ${res.status}`}.`,
      { details: { status: res.status } },
    );
  }
  const bytes = await readBoundedBody(res, MAX_IMAGE_BYTES);
  if (!bytes) {
    throw new Q2gError('GPHOTOS_BAD_RESPONSE', `${what}: larger than ${MAX_IMAGE_BYTES} bytes.`);
  }
  return { bytes, contentType };
}
