import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  GoProToPhotosSync,
  type RetryPolicy,
  type SyncEngineOptions,
  type SyncStateBackend,
} from '@q2google/core';
import {
  type FaultRuleInput,
  type GoProEmulator,
  type GoProEmulatorOptionsInput,
  startGooglePhotosEmulator,
  startGoProEmulator,
} from '@q2google/sandbox';
import { createGooglePhotosSink, type GooglePhotosSinkOptions } from '@q2google/sink-gphotos';
import {
  createGoProSource,
  createPasswordAuth,
  createPastedTokenAuth,
} from '@q2google/source-gopro';
import { createJsonBackend } from '@q2google/state-json';

/** Retries fast enough for tests and patient enough to ride out injected faults. */
export const FAST_RETRY: RetryPolicy = {
  retries: 10,
  baseDelayMs: 5,
  maxDelayMs: 40,
  maxRetryAfterMs: 5_000,
};

/** The whole capture range of the emulated library. */
export const ALL_TIME = { from: '2000-01-01T00:00:00.000Z', to: '2030-01-01T00:00:00.000Z' };

type GoogleOptions = Parameters<typeof startGooglePhotosEmulator>[0];

/** Both emulators, a state folder, and factories for the real clients pointed at them. */
export interface World {
  gopro: GoProEmulator;
  google: Awaited<ReturnType<typeof startGooglePhotosEmulator>>;
  stateDir: string;
  /** Connection facts a child process needs to build the same clients. */
  wiring: {
    goproApiUrl: string;
    goproToken: string;
    goproUserId: string;
    gphotosUrl: string;
    refreshToken: string;
    endpoints: unknown;
    stateDir: string;
  };
  backend(): SyncStateBackend;
  engine(options?: Partial<SyncEngineOptions>): GoProToPhotosSync;
  close(): Promise<void>;
}

/** Starts a world; `gopro`/`google` options go to the emulators. */
export async function startWorld(
  options: {
    gopro?: GoProEmulatorOptionsInput;
    google?: GoogleOptions;
    googleFaults?: FaultRuleInput[];
    /** `password` logs in through the emulator's OAuth endpoint and renews on 401. */
    goproAuth?: 'pasted' | 'password';
    sink?: Partial<GooglePhotosSinkOptions>;
  } = {},
): Promise<World> {
  const gopro = await startGoProEmulator({ seed: 7, ...options.gopro });
  const google = await startGooglePhotosEmulator({
    seed: 7,
    ...options.google,
    ...(options.googleFaults ? { faults: options.googleFaults } : {}),
  });
  const stateDir = await mkdtemp(join(tmpdir(), 'q2g-it-'));
  const goproToken = gopro.issueAccessToken(null);
  const refreshToken = google.issueRefreshToken();
  const backends: SyncStateBackend[] = [];
  const world: World = {
    gopro,
    google,
    stateDir,
    wiring: {
      goproApiUrl: gopro.apiUrl,
      goproToken,
      goproUserId: gopro.account.userId,
      gphotosUrl: google.url,
      refreshToken,
      endpoints: google.endpoints,
      stateDir,
    },
    backend() {
      const backend = createJsonBackend({ directory: stateDir });
      backends.push(backend);
      return backend;
    },
    engine(overrides = {}) {
      const backend = overrides.backend ?? world.backend();
      return new GoProToPhotosSync({
        source: createGoProSource({
          auth:
            options.goproAuth === 'password'
              ? createPasswordAuth({
                  clientId: gopro.account.clientId,
                  clientSecret: gopro.account.clientSecret,
                  email: gopro.account.email,
                  password: gopro.account.password,
                  baseUrl: gopro.apiUrl,
                  retry: FAST_RETRY,
                })
              : createPastedTokenAuth({ accessToken: goproToken, userId: gopro.account.userId }),
          baseUrl: gopro.apiUrl,
          retry: FAST_RETRY,
        }),
        sink: createGooglePhotosSink({
          baseUrl: google.url,
          auth: {
            clientId: 'q2google-sandbox',
            tokens: { refresh_token: refreshToken },
            endpoints: google.endpoints,
          },
          retry: FAST_RETRY,
          rateLimitFloorMs: 10,
          ...options.sink,
        }),
        concurrency: 4,
        ...overrides,
        backend,
      });
    },
    async close() {
      await Promise.allSettled(backends.map((b) => b.close?.()));
      await Promise.allSettled([gopro.close(), google.close()]);
      await rm(stateDir, { recursive: true, force: true });
    },
  };
  return world;
}
