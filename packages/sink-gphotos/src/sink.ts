import {
  DEFAULT_RETRY_POLICY,
  type MediaSink,
  type RetryPolicy,
  type SinkLimits,
} from '@q2google/core';
import { AlbumDirectory } from './albums.js';
import {
  createOAuthAuth,
  type GooglePhotosAuth,
  type OAuthAuthOptions,
} from './auth/google-auth.js';
import { REQUIRED_SCOPES, verifyGrantedScopes } from './auth/scopes.js';
import { createItems } from './create/create-items.js';
import { Mutex } from './create/mutex.js';
import { ApiClient } from './http/api-client.js';
import {
  countingTransport,
  type HttpTransport,
  nodeTransport,
  type RequestListener,
} from './http/transport.js';
import {
  DEFAULT_RAW_UPLOAD_MAX_BYTES,
  DEFAULT_RECONCILE_MAX_PAGES,
  GOOGLE_PHOTOS_LIMITS,
  googleRequestQuota,
} from './limits.js';
import { createItemFinder, listMediaItems, toCreatedItem } from './listing/list-items.js';
import {
  fetchBaseUrlImage,
  getMediaItems,
  type MediaImage,
  type MediaItemLink,
} from './media/media-items.js';
import { AlbumPageSchema } from './schemas.js';
import type { UploadConfig } from './upload/upload-config.js';
import { uploadMedia } from './upload/upload-media.js';

/** Google's production API. */
export const DEFAULT_BASE_URL = 'https://photoslibrary.googleapis.com';

/** Options of {@link createGooglePhotosSink}. */
export interface GooglePhotosSinkOptions {
  /** Credentials: a ready `GooglePhotosAuth`, or OAuth settings (token file, client id…). */
  auth: GooglePhotosAuth | OAuthAuthOptions;
  /** API base URL; `https://photoslibrary.googleapis.com` by default. */
  baseUrl?: string;
  /** Files up to this size use one raw request (default 32 MiB). */
  rawUploadMaxBytes?: number;
  /**
   * Most pages (100 items each) one listing for reconciliation reads (default 200: a full
   * 20,000-item album); past it the units are reported uncertain, never sent again.
   */
  reconcileMaxPages?: number;
  /** Retry policy for 5xx, network errors and rate limits (core's default: 1 s doubling). */
  retry?: Partial<RetryPolicy>;
  /** Shortest wait after a per-minute 429 (default 30 s; Retry-After wins when longer). */
  rateLimitFloorMs?: number;
  /**
   * Library API requests q2google may spend a Pacific day, all runs together (default 10,000,
   * Google's whole daily quota); the engine stops cleanly before going over it.
   */
  dailyRequestBudget?: number;
  /** Scopes the grant must hold. */
  requiredScopes?: readonly string[];
  /** Overrides of {@link GOOGLE_PHOTOS_LIMITS} (e.g. a shorter token lifetime in tests). */
  limits?: Partial<SinkLimits>;
  transport?: HttpTransport;
  /** The clock, in milliseconds; `Date.now` by default. */
  now?: () => number;
}

/** How big a thumbnail to fetch. */
export interface ImageSize {
  width: number;
  height: number;
}

/** A Google Photos sink plus extras beyond the port. */
export interface GooglePhotosSink extends MediaSink {
  /** Items of one app-created album, page by page. */
  listAlbumItems(
    albumId: string,
    signal?: AbortSignal,
  ): AsyncIterable<ReturnType<typeof toCreatedItem>>;
  /** Fresh picture links of created items (`mediaItems.batchGet`). */
  getMediaItems(ids: readonly string[], signal?: AbortSignal): Promise<MediaItemLink[]>;
  /** The picture behind a `baseUrl` at `size`; throws GPHOTOS_HTTP once the link expired. */
  fetchImage(baseUrl: string, size: ImageSize, signal?: AbortSignal): Promise<MediaImage>;
  /**
   * Calls `listener` for every request this sink sends to the Library API (uploads included;
   * picture fetches are not API requests). Returns the unsubscribe function.
   */
  onRequest(listener: RequestListener): () => void;
}

/** The Google Photos Library API as q2google's MediaSink. */
export function createGooglePhotosSink(options: GooglePhotosSinkOptions): GooglePhotosSink {
  const now = options.now ?? Date.now;
  const authSource = options.auth;
  let authPromise: Promise<GooglePhotosAuth> | undefined;
  const lazyAuth: GooglePhotosAuth = {
    headers: async () => (await resolveAuth()).headers(),
    refresh: async () => (await resolveAuth()).refresh(),
    grantedScopes: () => undefined,
  };
  const required = options.requiredScopes ?? REQUIRED_SCOPES;
  function resolveAuth(): Promise<GooglePhotosAuth> {
    authPromise ??= (
      'headers' in authSource ? Promise.resolve(authSource) : createOAuthAuth(authSource)
    ).then((auth) => {
      const granted = auth.grantedScopes();
      if (granted) verifyGrantedScopes(granted, required);
      return auth;
    });
    authPromise.catch(() => {
      authPromise = undefined;
    });
    return authPromise;
  }
  const listeners = new Set<RequestListener>();
  const api = new ApiClient({
    baseUrl: options.baseUrl ?? DEFAULT_BASE_URL,
    auth: lazyAuth,
    transport: countingTransport(options.transport ?? nodeTransport, (request) => {
      for (const listener of listeners) listener(request);
    }),
    now,
    rateLimitFloorMs: options.rateLimitFloorMs ?? 30_000,
    retry: { ...DEFAULT_RETRY_POLICY, ...options.retry },
  });
  const retry: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const rawUploadMaxBytes = options.rawUploadMaxBytes ?? DEFAULT_RAW_UPLOAD_MAX_BYTES;
  const limits: SinkLimits = {
    ...GOOGLE_PHOTOS_LIMITS,
    requestQuota: googleRequestQuota({
      rawUploadMaxBytes,
      ...(options.dailyRequestBudget ? { dailyBudget: options.dailyRequestBudget } : {}),
      ...(options.reconcileMaxPages ? { reconcileMaxPages: options.reconcileMaxPages } : {}),
    }),
    ...options.limits,
  };
  const uploadConfig: UploadConfig = { api, retry, now, rawUploadMaxBytes };
  const mutex = new Mutex();
  const albums = new AlbumDirectory(api);
  const findCreated = createItemFinder(api);
  return {
    name: 'gphotos',
    limits,
    upload: (request) => uploadMedia(uploadConfig, limits, request),
    createItems: (items, createOptions) =>
      createItems(
        {
          api,
          retry,
          now,
          tokenMinRemainingMs: limits.uploadTokenMinRemainingMs,
          mutex,
          findCreated,
        },
        items,
        createOptions,
      ),
    ensureAlbum: (title, signal) => albums.ensure(title, signal),
    async *listCreatedItems(signal, scope = {}) {
      const maxPages = scope.maxPages ?? options.reconcileMaxPages ?? DEFAULT_RECONCILE_MAX_PAGES;
      const listing = listMediaItems(api, { albumId: scope.albumId, maxPages, signal });
      for await (const item of listing) yield toCreatedItem(item);
    },
    async *listAlbumItems(albumId, signal) {
      for await (const item of listMediaItems(api, { albumId, signal })) yield toCreatedItem(item);
    },
    getMediaItems: (ids, signal) => getMediaItems(api, ids, now, signal),
    fetchImage: (baseUrl, size, signal) =>
      fetchBaseUrlImage(baseUrl, size, signal ? { signal } : {}),
    onRequest(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async verify(signal) {
      const auth = await resolveAuth();
      await auth.headers();
      await api.json(
        AlbumPageSchema,
        'GET',
        '/v1/albums?pageSize=1',
        'albums.list',
        undefined,
        signal,
      );
      return { scopes: auth.grantedScopes() ?? [...required] };
    },
  };
}
