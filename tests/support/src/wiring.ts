import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import {
  createHttpDispatcher,
  type HttpDispatcher,
  type HttpTrace,
  type RetryPolicy,
} from '@q2google/core';
import { GoProToPhotosSync, type SyncEngineOptions } from '@q2google/core/engine';
import type { GoProSandboxSettings } from '@q2google/sandbox';
import {
  createGooglePhotosSinkFromSettings,
  type GooglePhotosSettings,
  type GooglePhotosSinkTuning,
  type StoredTokens,
  writeTokenFile,
} from '@q2google/sink-gphotos';
import { createGoProSourceFromSettings } from '@q2google/source-gopro';

/** Retries fast enough for tests and patient enough to ride out injected faults. */
export const FAST_RETRY: RetryPolicy = {
  retries: 10,
  baseDelayMs: 5,
  maxDelayMs: 40,
  maxRetryAfterMs: 5_000,
};

/** Everything needed to build clients for a pair of running emulators (JSON-safe for a child). */
export interface Wiring {
  /** The emulators' settings, from the sandbox, as a user would set them. */
  settings: GoProSandboxSettings & GooglePhotosSettings;
  /** The Google grant `q2google auth google` would have saved. */
  googleGrant: StoredTokens;
  sink: GooglePhotosSinkTuning;
  /** Where clients keep their token files (inside the world's project folder). */
  clientsDir: string;
}

let direct: HttpDispatcher | undefined;

/**
 * The real GoPro source and Google Photos sink, built from the settings by the plugins'
 * factories like the CLI builds them. They reach the loopback emulators directly (never through
 * a proxy the developer's environment names) unless `http.dispatcher` says otherwise. Each call keeps its own token files (as its own install
 * would), so clients in one process never write the same file.
 */
export async function buildClients(
  wiring: Wiring,
  http: { dispatcher?: HttpDispatcher; trace?: HttpTrace } = {},
): Promise<Pick<SyncEngineOptions, 'source' | 'sink'>> {
  const dir = await mkdtemp(join(wiring.clientsDir, 'client-'));
  const settings = {
    ...wiring.settings,
    goproTokenFile: join(dir, 'gopro-token.json'),
    googleTokenFile: join(dir, 'google-token.json'),
  };
  await writeTokenFile(settings.googleTokenFile, wiring.googleGrant);
  direct ??= createHttpDispatcher({});
  http = { dispatcher: direct, ...http };
  return {
    source: await createGoProSourceFromSettings(settings, { ...http, retry: FAST_RETRY }),
    sink: createGooglePhotosSinkFromSettings(settings, {
      ...http,
      retry: FAST_RETRY,
      rateLimitFloorMs: 10,
      ...wiring.sink,
    }),
  };
}

/** The engine wired to the emulators with the real GoPro source and Google Photos sink. */
export async function buildEngine(
  wiring: Wiring,
  options: Partial<SyncEngineOptions> & Pick<SyncEngineOptions, 'backend'>,
): Promise<GoProToPhotosSync> {
  return new GoProToPhotosSync({ ...(await buildClients(wiring)), concurrency: 4, ...options });
}
