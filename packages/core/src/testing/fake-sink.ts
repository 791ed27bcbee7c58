import { createHash } from 'node:crypto';
import { Q2gError } from '../errors/q2g-error.js';
import type {
  CreatedItemsScope,
  CreatedMediaItem,
  CreateItemResult,
  MediaSink,
  NewMediaItem,
  SinkLimits,
  SinkRequestQuota,
  UploadRequest,
  UploadResult,
} from '../protocol/media-sink.js';

/**
 * A daily request quota shaped like Google's (files over 100 kB take two requests), for tests
 * that give a {@link FakeSink} one: `sink.limits.requestQuota = fakeRequestQuota()`.
 */
export function fakeRequestQuota(dailyBudget = 10_000): SinkRequestQuota {
  return {
    counter: 'fake',
    timeZone: 'America/Los_Angeles',
    dailyBudget,
    costs: {
      simpleUploadMaxBytes: 100_000,
      simpleUpload: 1,
      resumableUpload: 2,
      createItems: 1,
      albumCreate: 1,
      albumLookup: 1,
      listPage: 1,
      listPageSize: 100,
      reconcileMaxPages: 200,
    },
  };
}

/** An in-memory media sink that records what it created, with hooks to inject failures. */
export class FakeSink implements MediaSink {
  readonly name = 'fake-sink';
  /** Like Google Photos, `createItems` refuses tokens with less than `uploadTokenMinRemainingMs` left. */
  readonly limits: SinkLimits = {
    maxBatchSize: 50,
    uploadTokenTtlMs: 86_400_000,
    uploadTokenMinRemainingMs: 10 * 60_000,
    maxPhotoBytes: 200_000,
    maxVideoBytes: 1_000_000,
  };
  readonly created: (CreatedMediaItem & { sha256: string; albumId?: string | null })[] = [];
  /** Item ids per album id, in the order they were placed. */
  readonly albumItems = new Map<string, string[]>();
  readonly tokens = new Map<string, { sha256: string; fileName: string }>();
  createCalls: NewMediaItem[][] = [];
  /** Items whose token was refused for being too close to expiry. */
  refusedTokens: NewMediaItem[] = [];
  albums = new Map<string, string>();
  /** Return a failure for this create call instead of results (checked before it applies). */
  failCreate?: (call: number) => Error | undefined;
  /** Apply the call, then throw this (a lost response). */
  loseCreateResponse?: (call: number) => Error | undefined;
  /** Per-item result override. */
  itemResult?: (item: NewMediaItem) => CreateItemResult | undefined;
  /** Returns the error an upload should fail with, or undefined to let it succeed. */
  failUpload?: (request: UploadRequest) => Error | undefined;
  /** Uploads wait for this (or their abort) before finishing, so a test can watch a run. */
  hold?: Promise<void>;
  /** The clock of upload times. */
  now: () => Date = () => new Date();
  readonly #requestListeners = new Set<() => void>();

  /** Calls `listener` on every request to the sink (as the Google sink's transport hook does). */
  onRequest(listener: () => void): () => void {
    this.#requestListeners.add(listener);
    return () => this.#requestListeners.delete(listener);
  }

  /** Tells the request listeners of one request; subclasses call it for their own calls. */
  protected countRequest(): void {
    for (const listener of this.#requestListeners) listener();
  }

  async upload(request: UploadRequest): Promise<UploadResult> {
    this.countRequest();
    const failure = this.failUpload?.(request);
    if (failure) throw failure;
    const hash = createHash('sha256');
    let received = 0;
    for await (const chunk of await request.open(0, request.signal)) {
      request.signal?.throwIfAborted();
      hash.update(chunk);
      received += chunk.length;
      request.onBytesSent?.(chunk.length);
    }
    if (this.hold) await heldUntil(this.hold, request.signal);
    if (received !== request.size)
      throw new Q2gError('GPHOTOS_UPLOAD_FAILED', `got ${received} of ${request.size}`, {
        retryable: true,
      });
    const uploadToken = `tok-${this.tokens.size + 1}`;
    this.tokens.set(uploadToken, { sha256: hash.digest('hex'), fileName: request.fileName });
    const uploadedAt = this.now();
    return {
      uploadToken,
      uploadedAt: uploadedAt.toISOString(),
      expiresAt: new Date(uploadedAt.getTime() + this.limits.uploadTokenTtlMs).toISOString(),
    };
  }

  async createItems(
    items: NewMediaItem[],
    options: { albumId?: string | null } = {},
  ): Promise<CreateItemResult[]> {
    this.countRequest();
    const call = this.createCalls.push(items);
    const failure = this.failCreate?.(call);
    if (failure) throw failure;
    const results = items.map((item): CreateItemResult => {
      const override = this.itemResult?.(item);
      if (override) return override;
      const minExpiry = this.now().getTime() + this.limits.uploadTokenMinRemainingMs;
      if (item.tokenExpiresAt && Date.parse(item.tokenExpiresAt) <= minExpiry) {
        this.refusedTokens.push(item);
        return {
          key: item.key,
          outcome: 'failed',
          code: 'UPLOAD_TOKEN_EXPIRED',
          message: 'The upload token expires too soon.',
          retryable: true,
          reupload: true,
        };
      }
      const token = this.tokens.get(item.uploadToken);
      if (!token)
        return {
          key: item.key,
          outcome: 'failed',
          code: '3',
          message: 'invalid token',
          retryable: false,
          reupload: true,
        };
      const album = options.albumId ? this.#album(options.albumId) : undefined;
      const existing = this.created.find((c) => c.sha256 === token.sha256);
      const fresh = !existing || !album?.includes(existing.id);
      if (album && fresh && album.length >= (this.limits.albumCapacity ?? Infinity)) {
        return {
          key: item.key,
          outcome: 'failed',
          code: 'ALBUM_FULL',
          message: 'The album is full.',
          retryable: false,
        };
      }
      if (existing) {
        if (album && fresh) album.push(existing.id);
        return {
          key: item.key,
          outcome: 'created',
          mediaItemId: existing.id,
          productUrl: productUrlOf(existing.id),
        };
      }
      const id = `gp-${this.created.length + 1}`;
      this.created.push({
        id,
        fileName: item.fileName,
        sha256: token.sha256,
        albumId: options.albumId ?? null,
        ...(item.capturedAt ? { creationTime: item.capturedAt } : {}),
        ...(item.mimeType ? { mimeType: item.mimeType } : {}),
      });
      album?.push(id);
      return { key: item.key, outcome: 'created', mediaItemId: id, productUrl: productUrlOf(id) };
    });
    const lost = this.loseCreateResponse?.(call);
    if (lost) throw lost;
    return results;
  }

  async ensureAlbum(title: string) {
    this.countRequest();
    if (!this.albums.has(title)) this.albums.set(title, `album-${this.albums.size + 1}`);
    const id = this.albums.get(title)!;
    return { id, title, itemCount: this.#album(id).length };
  }

  /** Items per listing page, and the pages listed so far (every `listCreatedItems` call). */
  listPageSize = 100;
  listPages = 0;
  /** The sink's own page bound, used when the caller gives none. */
  maxListPages?: number;

  async *listCreatedItems(
    _signal?: AbortSignal,
    scope: CreatedItemsScope = {},
  ): AsyncIterable<CreatedMediaItem> {
    const ids = scope.albumId ? new Set(this.albumItems.get(scope.albumId) ?? []) : undefined;
    const all = this.created.filter((item) => !ids || ids.has(item.id));
    const maxPages = scope.maxPages ?? this.maxListPages ?? Number.POSITIVE_INFINITY;
    for (let page = 0; page * this.listPageSize < all.length; page++) {
      if (page >= maxPages) {
        throw new Q2gError('SYNC_CREATE_UNCERTAIN', `Listing stopped after ${maxPages} pages.`);
      }
      this.listPages += 1;
      this.countRequest();
      const slice = all.slice(page * this.listPageSize, (page + 1) * this.listPageSize);
      for (const { sha256: _s, albumId: _a, ...item } of slice) yield item;
    }
  }

  #album(id: string): string[] {
    let items = this.albumItems.get(id);
    if (!items) {
      items = [];
      this.albumItems.set(id, items);
    }
    return items;
  }
}

function productUrlOf(id: string): string {
  return `https://photos.google.com/lr/photo/${id}`;
}

/** Waits for `hold`, or rejects with the abort reason when `signal` aborts first. */
async function heldUntil(hold: Promise<void>, signal?: AbortSignal): Promise<void> {
  signal?.throwIfAborted();
  let onAbort = () => {};
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  try {
    await Promise.race([hold, aborted]);
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}
