import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GoProToPhotosSync, SyncEngineOptions, SyncStateBackend } from '@q2google/core';
import {
  type FaultRuleInput,
  type GoProEmulator,
  type GoProEmulatorOptionsInput,
  startGooglePhotosEmulator,
  startGoProEmulator,
} from '@q2google/sandbox';
import type { GooglePhotosSinkOptions } from '@q2google/sink-gphotos';
import { createJsonBackend } from '@q2google/state-json';
import { buildEngine, type Wiring } from './wiring.js';

/** The whole capture range of the emulated library. */
export const ALL_TIME = { from: '2000-01-01T00:00:00.000Z', to: '2030-01-01T00:00:00.000Z' };

type GoogleOptions = Parameters<typeof startGooglePhotosEmulator>[0];

/** Both emulators, a state folder, and factories for the real clients pointed at them. */
export interface World {
  gopro: GoProEmulator;
  google: Awaited<ReturnType<typeof startGooglePhotosEmulator>>;
  stateDir: string;
  /** Connection facts a child process needs to build the same clients. */
  wiring: Wiring;
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
  const backends: SyncStateBackend[] = [];
  const world: World = {
    gopro,
    google,
    stateDir,
    wiring: {
      goproApiUrl: gopro.apiUrl,
      goproToken: gopro.issueAccessToken(null),
      goproAccount: gopro.account,
      gphotosUrl: google.url,
      refreshToken: google.issueRefreshToken(),
      endpoints: google.endpoints,
      goproAuth: options.goproAuth ?? 'pasted',
      sink: options.sink ?? {},
    },
    backend() {
      const backend = createJsonBackend({ directory: stateDir });
      backends.push(backend);
      return backend;
    },
    engine(overrides = {}) {
      return buildEngine(world.wiring, {
        ...overrides,
        backend: overrides.backend ?? world.backend(),
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
