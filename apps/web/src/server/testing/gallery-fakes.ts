/**
 * The gallery's additions to core's in-memory clouds: GoPro thumbnails on the source, and on the
 * sink Google's item look-ups (`getMediaItems`) and pictures (`fetchImage`), with base URLs a
 * test can expire.
 */
import { type MediaUnit, Q2gError } from '@q2google/core';
import { FakeSink, FakeSource } from '@q2google/core/testing';
import type { MediaImage, MediaItemLink } from '@q2google/sink-gphotos';

/** The bytes every fake thumbnail has (a PNG signature is enough for the API tests). */
export const FAKE_PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

/** A source whose items all have a thumbnail, except media `m404`. */
export class GalleryFakeSource extends FakeSource {
  constructor(units: MediaUnit[], served: Record<string, number> = {}) {
    super(units);
    this.served = served;
  }

  /** The GoPro thumbnail of an item, or null for `m404`. */
  async fetchThumbnail(mediaId: string): Promise<MediaImage | null> {
    return mediaId === 'm404' ? null : { bytes: FAKE_PNG, contentType: 'image/png' };
  }
}

/** A sink that also hands out base URLs of created items and serves their pictures. */
export class GalleryFakeSink extends FakeSink {
  /** Base URLs handed out; those in `expired` are refused. */
  readonly baseUrls: string[] = [];
  /** The ids of each `getMediaItems` call. */
  readonly lookups: string[][] = [];
  readonly expired = new Set<string>();

  /** Links of created items, like Google's `mediaItems:batchGet`. */
  async getMediaItems(ids: readonly string[]): Promise<MediaItemLink[]> {
    this.countRequest();
    this.lookups.push([...ids]);
    return ids.map((id) => {
      const baseUrl = `fake://lh/${id}/${this.baseUrls.length}`;
      this.baseUrls.push(baseUrl);
      return { id, baseUrl, fetchedAt: Date.now() };
    });
  }

  /** The picture behind a base URL; 403 once it is expired. */
  async fetchImage(baseUrl: string): Promise<MediaImage> {
    if (this.expired.has(baseUrl)) {
      throw new Q2gError('GPHOTOS_HTTP', 'HTTP 403.', { details: { status: 403 } });
    }
    return { bytes: FAKE_PNG, contentType: 'image/png' };
  }
}
