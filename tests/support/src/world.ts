import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GoProToPhotosSync, SyncEngineOptions, SyncStateBackend } from '@q2google/core';
import {
  type FaultRuleInput,
  type GooglePhotosEmulator,
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

/** The same range as CLI flags. */
export const ALL_TIME_FLAGS = ['--from', '2000-01-01', '--to', '2029-12-31'];

const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));

type GoogleOptions = Parameters<typeof startGooglePhotosEmulator>[0];

/** Both emulators, a project folder for the CLI, and factories for clients pointed at them. */
export interface World {
  gopro: GoProEmulator;
  google: GooglePhotosEmulator;
  /** A user's project folder: the CLI's cwd and HOME; backend packages resolve from it. */
  projectDir: string;
  /** A JSON state folder inside the project folder. */
  stateDir: string;
  /** Connection facts a child process needs to build the same clients. */
  wiring: Wiring;
  /** `Q2G_*` settings that point the real CLI at the emulators (a 0600 Google token file). */
  cliEnv: Record<string, string>;
  backend(): SyncStateBackend;
  engine(options?: Partial<SyncEngineOptions>): GoProToPhotosSync;
  close(): Promise<void>;
}

/** Options of {@link startWorld}: `gopro`/`google` go to the emulators. */
export interface WorldOptions {
  gopro?: GoProEmulatorOptionsInput;
  google?: GoogleOptions;
  googleFaults?: FaultRuleInput[];
  goproAuth?: 'pasted' | 'password';
  sink?: Partial<GooglePhotosSinkOptions>;
}

/** Starts both emulators and a project folder. */
export async function startWorld(options: WorldOptions = {}): Promise<World> {
  const gopro = await startGoProEmulator({ seed: 7, ...options.gopro });
  const google = await startGooglePhotosEmulator({
    seed: 7,
    ...options.google,
    ...(options.googleFaults ? { faults: options.googleFaults } : {}),
  });
  const projectDir = await mkdtemp(join(tmpdir(), 'q2g-rel-'));
  // Like a user who installed the database backends next to q2google.
  await symlink(join(PACKAGE_DIR, 'node_modules'), join(projectDir, 'node_modules'), 'dir');
  const stateDir = join(projectDir, 'state');
  await mkdir(stateDir);
  const tokenFile = join(projectDir, 'google-token.json');
  const refreshToken = google.issueRefreshToken({ clientId: 'q2google-sandbox' });
  await writeFile(tokenFile, JSON.stringify({ refresh_token: refreshToken }), { mode: 0o600 });
  const goproToken = gopro.issueAccessToken(null);
  const backends: SyncStateBackend[] = [];
  const world: World = {
    gopro,
    google,
    projectDir,
    stateDir,
    wiring: {
      goproApiUrl: gopro.apiUrl,
      goproToken,
      goproAccount: gopro.account,
      gphotosUrl: google.url,
      refreshToken,
      endpoints: google.endpoints,
      goproAuth: options.goproAuth ?? 'pasted',
      sink: options.sink ?? {},
    },
    cliEnv: {
      Q2G_GOPRO_API_URL: gopro.apiUrl,
      Q2G_GOPRO_TOKEN: goproToken,
      Q2G_GOPRO_USER_ID: gopro.account.userId,
      Q2G_GPHOTOS_API_URL: google.url,
      Q2G_GOOGLE_OAUTH_TOKEN_URL: google.endpoints.oauth2TokenUrl,
      Q2G_GOOGLE_CLIENT_ID: 'q2google-sandbox',
      Q2G_GOOGLE_TOKEN_FILE: tokenFile,
      Q2G_STATE_URI: stateDir,
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
      await rm(projectDir, { recursive: true, force: true });
    },
  };
  return world;
}
