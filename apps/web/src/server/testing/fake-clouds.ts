/**
 * Small in-memory stand-ins for the two clouds, for the web app's API tests: a source with fixed
 * units and deterministic bytes, a sink that records what it created, and connections that hand
 * them out. `hold` keeps uploads waiting so a test can watch or cancel a running sync.
 */

import type {
  CreateItemResult,
  MediaSink,
  MediaSource,
  MediaUnit,
  NewMediaItem,
  UploadRequest,
} from '@q2google/core';
import { Q2gError } from '@q2google/core';
import type { AccountsStatus, GoProLoginBody, GoProTokenBody } from '../../shared/api-types.js';
import type { Connections, SyncClients } from '../accounts/connections.js';

/** A unit for tests. */
export function unit(
  n: number,
  size: number | null = 3000,
  overrides: Partial<MediaUnit> = {},
): MediaUnit {
  return {
    key: `m${n}#source`,
    mediaId: `m${n}`,
    part: 'source',
    fileName: `GOPR${String(n).padStart(4, '0')}.JPG`,
    mimeType: 'image/jpeg',
    kind: 'photo',
    size,
    capturedAt: `2025-06-${String((n % 28) + 1).padStart(2, '0')}T12:00:00.000Z`,
    ...overrides,
  };
}

/** A source of fixed units; `served` gives the bytes of units listed without a size. */
export function fakeSource(units: MediaUnit[], served: Record<string, number> = {}): MediaSource {
  return {
    name: 'fake-gopro',
    async *listUnits() {
      yield { units, cursor: null };
    },
    async openUnit(u, offset) {
      const size = u.size ?? served[u.key] ?? 0;
      async function* body() {
        for (let at = offset; at < size; at += 1000) {
          yield new Uint8Array(Math.min(1000, size - at)).fill(7);
        }
      }
      return { totalSize: size, offset, body: body() };
    },
    async fetchThumbnail(mediaId: string) {
      return mediaId === 'm404' ? null : { bytes: FAKE_PNG, contentType: 'image/png' };
    },
  } as MediaSource;
}

/** The bytes every fake thumbnail has (a PNG signature is enough for the API tests). */
export const FAKE_PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

/** A sink that creates every uploaded item, unless `failFile` names its file. */
export class FakeSink implements MediaSink {
  readonly name = 'fake-gphotos';
  readonly limits = {
    maxBatchSize: 50,
    uploadTokenTtlMs: 86_400_000,
    uploadTokenMinRemainingMs: 10 * 60_000,
    maxPhotoBytes: 1_000_000,
    maxVideoBytes: 1_000_000,
  };
  created: string[] = [];
  /** Base URLs handed out; those in `expired` are refused. */
  readonly baseUrls: string[] = [];
  /** The ids of each `getMediaItems` call. */
  readonly lookups: string[][] = [];
  readonly expired = new Set<string>();
  readonly #listeners = new Set<() => void>();
  /** Uploads wait for this promise before finishing (to watch or cancel a run). */
  hold: Promise<void> = Promise.resolve();
  failFile?: string;
  /** Thrown by every upload when set (a quota stop, an expired login…). */
  failWith?: Q2gError;

  /** Counts requests like the Google sink's transport hook. */
  onRequest(listener: () => void) {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #request() {
    for (const listener of this.#listeners) listener();
  }

  async getMediaItems(ids: readonly string[]) {
    this.#request();
    this.lookups.push([...ids]);
    return ids.map((id) => {
      const baseUrl = `fake://lh/${id}/${this.baseUrls.length}`;
      this.baseUrls.push(baseUrl);
      return { id, baseUrl, fetchedAt: Date.now() };
    });
  }

  async fetchImage(baseUrl: string) {
    if (this.expired.has(baseUrl)) {
      throw new Q2gError('GPHOTOS_HTTP', 'HTTP 403.', { details: { status: 403 } });
    }
    return { bytes: FAKE_PNG, contentType: 'image/png' };
  }

  async upload(request: UploadRequest) {
    this.#request();
    if (this.failWith) throw this.failWith;
    let sent = 0;
    for await (const chunk of await request.open(0, request.signal)) {
      sent += chunk.length;
      request.onBytesSent?.(chunk.length);
    }
    await Promise.race([
      this.hold,
      new Promise((_, reject) =>
        request.signal?.addEventListener('abort', () => reject(request.signal?.reason), {
          once: true,
        }),
      ),
    ]);
    if (request.fileName === this.failFile) {
      throw new Q2gError('GPHOTOS_FILE_TOO_LARGE', 'Google Photos refused the file.', {});
    }
    const now = new Date();
    return {
      uploadToken: `upload-${request.fileName}-${sent}`,
      uploadedAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + 86_400_000).toISOString(),
    };
  }

  async createItems(items: NewMediaItem[]): Promise<CreateItemResult[]> {
    this.#request();
    return items.map((item) => {
      const id = `gp-${this.created.push(item.fileName)}`;
      return {
        key: item.key,
        outcome: 'created',
        mediaItemId: id,
        productUrl: `https://photos.google.com/lr/photo/${id}`,
      };
    });
  }

  async ensureAlbum(title: string) {
    return { id: `album-${title}`, title };
  }

  async *listCreatedItems() {
    for (const [index, fileName] of this.created.entries())
      yield { id: `gp-${index + 1}`, fileName };
  }
}

/** A secret the fake connections hold; it must never appear in a response. */
export const FAKE_SECRET = 'fake-secret-token-4f9a2c';

/** Connections over the fake clouds, with the accounts toggled by the flows. */
export class FakeConnections implements Connections {
  google = true;
  gopro = true;
  readonly sink = new FakeSink();
  readonly calls: string[] = [];
  /** Served sizes of units listed without one (a burst's frames). */
  served: Record<string, number> = {};

  constructor(readonly units: MediaUnit[]) {}

  async status(): Promise<AccountsStatus> {
    return {
      google: {
        connected: this.google,
        oauthConfigured: true,
        ...(this.google ? { method: 'oauth' } : {}),
      },
      gopro: { connected: this.gopro, ...(this.gopro ? { method: 'token', label: 'user-1' } : {}) },
    };
  }
  async googleStart(redirectUri: string) {
    this.calls.push(`google-start ${redirectUri}`);
    return {
      authUrl: `http://127.0.0.1:9/consent?redirect_uri=${encodeURIComponent(redirectUri)}&state=s1`,
    };
  }
  async googleCallback(query: URLSearchParams) {
    if (query.get('state') !== 's1' || !query.get('code')) {
      throw new Q2gError('GPHOTOS_AUTH_REQUIRED', 'The authorisation response did not match.');
    }
    this.google = true;
  }
  async goproLogin(body: GoProLoginBody) {
    if (body.password !== 'right') {
      throw new Q2gError('GOPRO_AUTH_FAILED', `GoPro refused the login (${FAKE_SECRET}).`);
    }
    this.gopro = true;
  }
  async goproToken(body: GoProTokenBody) {
    if (body.accessToken !== FAKE_SECRET) {
      throw new Q2gError('GOPRO_AUTH_FAILED', 'GoPro refused the token.');
    }
    this.gopro = true;
  }
  async verify(account: 'google' | 'gopro') {
    if (!(account === 'google' ? this.google : this.gopro)) {
      throw new Q2gError('GOPRO_AUTH_FAILED', `${account} is not connected.`);
    }
    return { ok: true as const, label: account };
  }
  async signOut(account: 'google' | 'gopro') {
    this[account] = false;
  }
  async clients(): Promise<SyncClients> {
    if (!this.gopro) throw new Q2gError('GOPRO_AUTH_FAILED', 'Connect a GoPro account first.');
    if (!this.google) throw new Q2gError('GPHOTOS_AUTH_REQUIRED', 'Connect Google Photos first.');
    return { source: fakeSource(this.units, this.served), sink: this.sink };
  }
  secrets() {
    return [FAKE_SECRET];
  }
}
