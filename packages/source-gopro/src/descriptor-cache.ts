import type { GoProApi } from './api-client.js';
import { type DownloadDescriptor, DownloadDescriptorSchema } from './schemas.js';

/** Options of {@link DescriptorCache}. */
export interface DescriptorCacheOptions {
  /** How long a descriptor (and its signed URLs) is reused; 4 minutes by default. */
  ttlMs?: number;
  /** Most descriptors kept; the oldest go first. 256 by default. */
  maxEntries?: number;
  now?: () => number;
}

/**
 * `/media/{id}/download` descriptors, reused for a few minutes so listing and the following
 * download share one request, and dropped on demand when a signed URL was refused.
 */
export class DescriptorCache {
  readonly #api: GoProApi;
  readonly #ttlMs: number;
  readonly #max: number;
  readonly #now: () => number;
  readonly #entries = new Map<string, { at: number; descriptor: Promise<DownloadDescriptor> }>();

  constructor(api: GoProApi, options: DescriptorCacheOptions = {}) {
    this.#api = api;
    this.#ttlMs = options.ttlMs ?? 4 * 60_000;
    this.#max = options.maxEntries ?? 256;
    this.#now = options.now ?? Date.now;
  }

  /** The descriptor of `mediaId`, fetched unless a fresh one is cached. */
  get(mediaId: string, signal?: AbortSignal): Promise<DownloadDescriptor> {
    const cached = this.#entries.get(mediaId);
    if (cached && this.#now() - cached.at < this.#ttlMs) return cached.descriptor;
    const descriptor = this.#api.get(
      `GoPro download descriptor of ${mediaId}`,
      `/media/${encodeURIComponent(mediaId)}/download`,
      undefined,
      DownloadDescriptorSchema,
      signal,
    );
    descriptor.catch(() => {
      if (this.#entries.get(mediaId)?.descriptor === descriptor) this.#entries.delete(mediaId);
    });
    this.#entries.delete(mediaId);
    this.#entries.set(mediaId, { at: this.#now(), descriptor });
    if (this.#entries.size > this.#max) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    return descriptor;
  }

  /** Forgets the descriptor of `mediaId` (its URLs expired). */
  invalidate(mediaId: string): void {
    this.#entries.delete(mediaId);
  }
}
