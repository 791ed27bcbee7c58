import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SyncStateBackend } from '@q2google/core';
import { envNameOf } from '@q2google/core/config';
import type { GoProToPhotosSync, SyncEngineOptions } from '@q2google/core/engine';
import {
  type FaultRuleInput,
  type GooglePhotosEmulator,
  type GoProEmulator,
  type GoProEmulatorOptionsInput,
  goproSandboxSettings,
  gphotosSandboxSettings,
  sandboxGoogleGrant,
  startGooglePhotosEmulator,
  startGoProEmulator,
} from '@q2google/sandbox';
import { type GooglePhotosSinkTuning, writeTokenFile } from '@q2google/sink-gphotos';
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
  engine(options?: Partial<SyncEngineOptions>): Promise<GoProToPhotosSync>;
  close(): Promise<void>;
}

/** Options of {@link startWorld}: `gopro`/`google` go to the emulators. */
export interface WorldOptions {
  gopro?: GoProEmulatorOptionsInput;
  google?: GoogleOptions;
  googleFaults?: FaultRuleInput[];
  goproAuth?: 'pasted' | 'password';
  sink?: GooglePhotosSinkTuning;
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
  await mkdir(join(projectDir, 'clients'));
  const goproSettings = (login: 'token' | 'password') =>
    goproSandboxSettings(gopro, { tokenFile: join(projectDir, 'gopro-token.json'), login });
  const photosSettings = gphotosSandboxSettings(google, {
    tokenFile: join(projectDir, 'google-token.json'),
  });
  // The CLI's settings: a pasted GoPro token, and a Google grant saved in the project folder.
  const cliSettings = { ...goproSettings('token'), ...photosSettings };
  const googleGrant = sandboxGoogleGrant(google);
  await writeTokenFile(cliSettings.googleTokenFile, googleGrant);
  const backends: SyncStateBackend[] = [];
  const world: World = {
    gopro,
    google,
    projectDir,
    stateDir,
    wiring: {
      settings:
        options.goproAuth === 'password'
          ? { ...goproSettings('password'), ...photosSettings }
          : cliSettings,
      googleGrant,
      sink: options.sink ?? {},
      clientsDir: join(projectDir, 'clients'),
    },
    cliEnv: Object.fromEntries(
      Object.entries({ ...cliSettings, stateUri: stateDir })
        .filter(([, value]) => value !== undefined)
        .map(([key, value]) => [envNameOf(key), String(value)]),
    ),
    backend() {
      const backend = createJsonBackend({ directory: stateDir });
      backends.push(backend);
      return backend;
    },
    async engine(overrides = {}) {
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
