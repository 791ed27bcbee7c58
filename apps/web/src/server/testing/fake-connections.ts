/**
 * Connections for the web app's API tests over core's in-memory clouds (`FakeSource`,
 * `FakeSink`), with the accounts toggled by the flows. `sink.hold` keeps uploads waiting so a
 * test can watch or cancel a running sync; `sink.failUpload` fails a file. The gallery's calls
 * (thumbnails, Google's base URLs) come from `gallery-fakes.ts`.
 */

import { type MediaUnit, Q2gError } from '@q2google/core';
import { fakeUnit } from '@q2google/core/testing';
import type { AccountsStatus, GoProLoginBody, GoProTokenBody } from '../../shared/api-types.js';
import type { Connections, SyncClients } from '../accounts/connections.js';
import { GalleryFakeSink, GalleryFakeSource } from './gallery-fakes.js';

/** A unit for tests: `GOPR000n.JPG`, captured on day n of June 2025. */
export function unit(
  n: number,
  size: number | null = 3000,
  overrides: Partial<MediaUnit> = {},
): MediaUnit {
  return fakeUnit(`m${n}#source`, size, {
    fileName: `GOPR${String(n).padStart(4, '0')}.JPG`,
    capturedAt: `2025-06-${String((n % 28) + 1).padStart(2, '0')}T12:00:00.000Z`,
    ...overrides,
  });
}

/** A sink error for one file name, as `sink.failUpload` takes it. */
export function refuseFile(fileName: string) {
  return (request: { fileName: string }) =>
    request.fileName === fileName
      ? new Q2gError('GPHOTOS_FILE_TOO_LARGE', 'Google Photos refused the file.', {})
      : undefined;
}

/** A secret the fake connections hold; it must never appear in a response. */
export const FAKE_SECRET = 'fake-secret-token-4f9a2c';

/** Connections over the fake clouds, with the accounts toggled by the flows. */
export class FakeConnections implements Connections {
  google = true;
  gopro = true;
  readonly sink = new GalleryFakeSink();
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
    return { source: new GalleryFakeSource(this.units, this.served), sink: this.sink };
  }
  secrets() {
    return [FAKE_SECRET];
  }
}
