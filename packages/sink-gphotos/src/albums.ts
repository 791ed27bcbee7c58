import { DEFAULT_RETRY_POLICY, withRetry } from '@q2google/core';
import { Mutex } from './create/mutex.js';
import { type ApiClient, readJson } from './http/api-client.js';
import { AlbumPageSchema, AlbumSchema } from './schemas.js';

/** An album reference. */
export interface AlbumRef {
  id: string;
  title: string;
}

/** An album with the number of items it holds now. */
export interface CountedAlbum extends AlbumRef {
  itemCount: number;
}

/**
 * Find-or-create of app-created albums by title: lists every app album once (50 per page),
 * caches by title, and creates under a lock so reruns and concurrent callers never duplicate.
 */
export class AlbumDirectory {
  readonly #lock = new Mutex();
  #byTitle: Map<string, CountedAlbum> | undefined;

  constructor(private readonly api: ApiClient) {}

  /**
   * The album titled `title`, created when missing, with how many items it holds now (from a
   * listing made for this call, else read fresh with `albums.get`: earlier sessions and runs
   * may have filled it since). A create whose outcome is
   * unknown is not repeated blindly: the next attempt lists the albums again first, so no
   * duplicate is made.
   */
  ensure(title: string, signal?: AbortSignal): Promise<CountedAlbum> {
    return this.#lock.run(() =>
      withRetry(
        async () => {
          try {
            return await this.#findOrCreate(title, signal);
          } catch (error) {
            this.#byTitle = undefined;
            throw error;
          }
        },
        this.api.options.retry ?? DEFAULT_RETRY_POLICY,
        signal ? { signal } : {},
      ),
    );
  }

  async #findOrCreate(title: string, signal?: AbortSignal): Promise<CountedAlbum> {
    const listedNow = this.#byTitle === undefined;
    const known = this.#byTitle ?? (await this.#loadAll(signal));
    this.#byTitle = known;
    const existing = known.get(title);
    if (existing && listedNow) return existing;
    if (existing) {
      const album = await this.api.json(
        AlbumSchema,
        'GET',
        `/v1/albums/${encodeURIComponent(existing.id)}`,
        'albums.get',
        undefined,
        signal,
      );
      return { ...existing, itemCount: countOf(album) };
    }
    const album = await this.api.json(
      AlbumSchema,
      'POST',
      '/v1/albums',
      'albums.create',
      { album: { title } },
      signal,
    );
    const ref = { id: album.id, title: album.title || title, itemCount: countOf(album) };
    known.set(title, ref);
    return ref;
  }

  async #loadAll(signal?: AbortSignal): Promise<Map<string, CountedAlbum>> {
    const byTitle = new Map<string, CountedAlbum>();
    let pageToken: string | undefined;
    do {
      const query = `pageSize=50&excludeNonAppCreatedData=true${pageToken ? `&pageToken=${encodeURIComponent(pageToken)}` : ''}`;
      const page = await readJson<typeof AlbumPageSchema>(
        this.api,
        AlbumPageSchema,
        'GET',
        `/v1/albums?${query}`,
        'albums.list',
        undefined,
        signal,
      );
      for (const album of page.albums) {
        if (album.isWriteable === false || byTitle.has(album.title)) continue;
        byTitle.set(album.title, { id: album.id, title: album.title, itemCount: countOf(album) });
      }
      pageToken = page.nextPageToken;
    } while (pageToken);
    return byTitle;
  }
}

/** `mediaItemsCount` is a string, omitted when 0 (proto3 JSON). */
function countOf(album: { mediaItemsCount?: string | undefined }): number {
  return Number(album.mediaItemsCount ?? 0);
}
