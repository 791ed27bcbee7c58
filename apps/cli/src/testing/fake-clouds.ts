import type {
  CreatedMediaItem,
  CreateItemResult,
  ListUnitsRequest,
  MediaSink,
  MediaSource,
  MediaUnit,
  NewMediaItem,
  SourceStream,
  UnitPage,
  UploadRequest,
  UploadResult,
} from '@q2google/core';

/** A unit for tests: a photo of `size` bytes. */
export function unit(key: string, size: number, overrides: Partial<MediaUnit> = {}): MediaUnit {
  return {
    key,
    mediaId: key,
    part: 'source',
    fileName: `${key}.JPG`,
    mimeType: 'image/jpeg',
    kind: 'photo',
    size,
    capturedAt: '2025-06-01T12:00:00.000Z',
    ...overrides,
  };
}

/** A minimal in-memory source: fixed units in pages of two, zero-filled bytes. */
export class TestSource implements MediaSource {
  readonly name = 'test-source';
  /** Called before each open; throw from it to fail a unit, or trigger an interrupt. */
  onOpen?: (unit: MediaUnit) => void;

  constructor(readonly units: MediaUnit[]) {}

  async *listUnits(request: ListUnitsRequest): AsyncIterable<UnitPage> {
    let index = request.cursor ? Number(request.cursor) : 0;
    while (index < this.units.length) {
      const page = this.units.slice(index, index + 2);
      index += page.length;
      yield { units: page, cursor: index < this.units.length ? String(index) : null };
    }
  }

  async openUnit(unit: MediaUnit, offset: number): Promise<SourceStream> {
    this.onOpen?.(unit);
    const size = unit.size ?? 0;
    async function* body() {
      for (let at = offset; at < size; at += 4096) yield new Uint8Array(Math.min(4096, size - at));
    }
    return { totalSize: size, offset, body: body() };
  }
}

/** A minimal in-memory sink that records the file names it created. */
export class TestSink implements MediaSink {
  readonly name = 'test-sink';
  readonly limits = {
    maxBatchSize: 50,
    uploadTokenTtlMs: 86_400_000,
    uploadTokenMinRemainingMs: 10 * 60_000,
    maxPhotoBytes: 1_000_000,
    maxVideoBytes: 10_000_000,
  };
  readonly created: string[] = [];
  readonly #tokens = new Map<string, string>();

  async upload(request: UploadRequest): Promise<UploadResult> {
    for await (const chunk of await request.open(0, request.signal)) {
      request.onBytesSent?.(chunk.length);
    }
    const token = `tok-${this.#tokens.size + 1}`;
    this.#tokens.set(token, request.fileName);
    const now = new Date();
    return {
      uploadToken: token,
      uploadedAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + this.limits.uploadTokenTtlMs).toISOString(),
    };
  }

  async createItems(items: NewMediaItem[]): Promise<CreateItemResult[]> {
    return items.map((item) => {
      this.created.push(item.fileName);
      return { key: item.key, outcome: 'created', mediaItemId: `g-${this.created.length}` };
    });
  }

  async ensureAlbum(title: string) {
    return { id: 'album-1', title };
  }

  async *listCreatedItems(): AsyncIterable<CreatedMediaItem> {
    for (const [i, fileName] of this.created.entries()) yield { id: `g-${i + 1}`, fileName };
  }
}
