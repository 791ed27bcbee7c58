/**
 * Thumbnails for the gallery, fetched by the server so the browser never holds a token: a
 * created unit's picture comes from Google Photos (a `baseUrl` from `mediaItems.batchGet`, kept
 * until it nears its one-hour life and fetched again when refused), a pending unit's from
 * GoPro. Link look-ups asked for together go out as one `batchGet`; recent pictures are cached.
 * The cloud calls themselves live in the plugins.
 */
import type { ItemState, MediaSink, MediaSource } from '@q2google/core';
import type { GooglePhotosSink, MediaItemLink } from '@q2google/sink-gphotos';
import type { GoProSource } from '@q2google/source-gopro';
import type { SyncClients } from '../accounts/connections.js';

/** A picture for the browser. */
export interface Thumbnail {
  bytes: Uint8Array;
  contentType: string;
}

/** The side of a thumbnail, in pixels (Google's `=w256-h256`). */
export const THUMBNAIL_SIZE = 256;
/** Largest thumbnail passed on to the browser. */
export const MAX_THUMBNAIL_BYTES = 1024 * 1024;

const LINK_TTL_MS = 50 * 60_000;
const CLIENTS_TTL_MS = 10 * 60_000;
const CACHE_ENTRIES = 300;
const BATCH_WAIT_MS = 15;

type GallerySink = MediaSink & Partial<Pick<GooglePhotosSink, 'getMediaItems' | 'fetchImage'>>;
type GallerySource = MediaSource & Partial<Pick<GoProSource, 'fetchThumbnail'>>;

/** Options of {@link ThumbnailService}. */
export interface ThumbnailServiceOptions {
  /** Builds the cloud clients (the connections' `clients`). */
  clients: () => Promise<SyncClients>;
  now?: () => number;
}

/** Finds and caches thumbnails of units. */
export class ThumbnailService {
  readonly #options: ThumbnailServiceOptions;
  readonly #cache = new Map<string, Thumbnail | null>();
  readonly #links = new Map<string, MediaItemLink>();
  #clients: { value: Promise<SyncClients>; at: number } | undefined;
  #batch: { ids: Set<string>; done: Promise<void> } | undefined;

  constructor(options: ThumbnailServiceOptions) {
    this.#options = options;
  }

  /** The thumbnail of `item`, or null when there is none. */
  async get(item: ItemState): Promise<Thumbnail | null> {
    const id = item.mediaItemId ? `google:${item.mediaItemId}` : `gopro:${item.mediaId}`;
    if (this.#cache.has(id)) return this.#cache.get(id) ?? null;
    const picture = item.mediaItemId
      ? await this.#fromGoogle(item.mediaItemId)
      : await this.#fromGoPro(item.mediaId);
    const bounded = picture && picture.bytes.length <= MAX_THUMBNAIL_BYTES ? picture : null;
    this.#cache.set(id, bounded);
    if (this.#cache.size > CACHE_ENTRIES) this.#cache.delete(this.#cache.keys().next().value!);
    return bounded;
  }

  /** Releases the cached clients. */
  async close(): Promise<void> {
    const held = this.#clients;
    this.#clients = undefined;
    await held?.value.then((c) => c.close?.()).catch(() => {});
  }

  async #fromGoogle(mediaItemId: string): Promise<Thumbnail | null> {
    const sink = (await this.#sync()).sink as GallerySink;
    if (!sink.getMediaItems || !sink.fetchImage) return null;
    const size = { width: THUMBNAIL_SIZE, height: THUMBNAIL_SIZE };
    const cached = this.#links.get(mediaItemId);
    const link = cached && this.#fresh(cached) ? cached : await this.#link(mediaItemId);
    if (!link) return null;
    try {
      return await sink.fetchImage(link.baseUrl, size);
    } catch {
      // The link may have expired early: fetch the item again, once.
      this.#links.delete(mediaItemId);
      const again = await this.#link(mediaItemId);
      return again ? sink.fetchImage(again.baseUrl, size) : null;
    }
  }

  async #fromGoPro(mediaId: string): Promise<Thumbnail | null> {
    const source = (await this.#sync()).source as GallerySource;
    return source.fetchThumbnail ? source.fetchThumbnail(mediaId) : null;
  }

  #fresh(link: MediaItemLink): boolean {
    return this.#now() - link.fetchedAt < LINK_TTL_MS;
  }

  /** A fresh link of `mediaItemId`, looked up with the others asked for at the same time. */
  async #link(mediaItemId: string): Promise<MediaItemLink | undefined> {
    if (!this.#batch) {
      const ids = new Set<string>();
      const done = new Promise<void>((resolve) => setTimeout(resolve, BATCH_WAIT_MS)).then(
        async () => {
          this.#batch = undefined;
          const sink = (await this.#sync()).sink as GallerySink;
          for (const link of (await sink.getMediaItems?.([...ids])) ?? []) {
            this.#links.set(link.id, link);
          }
        },
      );
      this.#batch = { ids, done };
    }
    const batch = this.#batch;
    batch.ids.add(mediaItemId);
    await batch.done;
    return this.#links.get(mediaItemId);
  }

  #sync(): Promise<SyncClients> {
    const now = this.#now();
    if (!this.#clients || now - this.#clients.at > CLIENTS_TTL_MS) {
      const old = this.#clients;
      this.#clients = { value: this.#options.clients(), at: now };
      this.#clients.value.catch(() => {
        this.#clients = undefined;
      });
      void old?.value.then((c) => c.close?.()).catch(() => {});
    }
    return this.#clients.value;
  }

  #now(): number {
    return (this.#options.now ?? Date.now)();
  }
}
