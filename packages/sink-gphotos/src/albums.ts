import { DEFAULT_RETRY_POLICY, withRetry } from '@q2google/core';
import { Mutex } from './create/mutex.js';
import { type ApiClient, readJson } from './http/api-client.js';
import { AlbumPageSchema, AlbumSchema } from './schemas.js';

/** An album reference. */
export interface AlbumRef {
  id: string;
  title: string;
}

/**
 * Find-or-create of app-created albums by title: lists every app album once (50 per page),
 * caches by title, and creates under a lock so reruns and concurrent callers never duplicate.
 */
export class AlbumDirectory {
  readonly #lock = new Mutex();
  #byTitle: Map<string, AlbumRef> | undefined;

  constructor(private readonly api: ApiClient) {}

  /**
   * The album titled `title`, created when missing. A create whose outcome is unknown is not
   * repeated blindly: the next attempt lists the albums again first, so no duplicate is made.
   */
  ensure(title: string, signal?: AbortSignal): Promise<AlbumRef> {
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

  async #findOrCreate(title: string, signal?: AbortSignal): Promise<AlbumRef> {
    const known = this.#byTitle ?? (await this.#loadAll(signal));
    this.#byTitle = known;
    const existing = known.get(title);
    if (existing) return existing;
    const album = await this.api.json(
      AlbumSchema,
      'POST',
      '/v1/albums',
      'albums.create',
      { album: { title } },
      signal,
    );
    const ref = { id: album.id, title: album.title || title };
    known.set(title, ref);
    return ref;
  }

  async #loadAll(signal?: AbortSignal): Promise<Map<string, AlbumRef>> {
    const byTitle = new Map<string, AlbumRef>();
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
        byTitle.set(album.title, { id: album.id, title: album.title });
      }
      pageToken = page.nextPageToken;
    } while (pageToken);
    return byTitle;
  }
}
