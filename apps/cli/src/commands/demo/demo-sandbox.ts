import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeTokenFile } from '@q2google/sink-gphotos';
import type { CliConfig } from '../../context.js';

/** What the demo asks of the sandbox. */
export interface DemoSandboxOptions {
  /** Extra random items besides the fixtures (one of each GoPro kind). */
  items: number;
  /** Seed of the generated library: the same seed gives the same media and bytes. */
  seed: number;
  /** CDN bandwidth per connection in bytes/s, to watch progress; unthrottled when absent. */
  bandwidth?: number;
}

/** The settings of the two clouds that point at the sandbox (and its token files). */
export type DemoCloudSettings = Pick<
  CliConfig,
  | 'goproApiUrl'
  | 'goproToken'
  | 'goproUserId'
  | 'goproClientId'
  | 'goproClientSecret'
  | 'goproEmail'
  | 'goproPassword'
  | 'goproTokenFile'
  | 'googleClientId'
  | 'googleClientSecret'
  | 'googleTokenFile'
  | 'gphotosApiUrl'
  | 'googleOauthTokenUrl'
  | 'googleOauthAuthUrl'
>;

/** Both emulators running in this process, and the settings that point at them. */
export interface DemoSandbox {
  settings: DemoCloudSettings;
  /** The capture-date range that covers the whole generated library. */
  range: { from: string; to: string };
  gopro: { apiUrl: string; media: number };
  gphotos: { url: string };
  /** What the emulated Google Photos library now holds. */
  result(): { items: number; albums: { title: string; items: number }[] };
  close(): Promise<void>;
}

const FROM = '2024-01-01T00:00:00.000Z';
const TO = '2025-12-31T23:59:59.999Z';

/**
 * Starts the GoPro and Google Photos emulators on 127.0.0.1 with a generated library, with the
 * settings a user would have after logging in to both (GoPro e-mail + password, a saved Google
 * grant in a temporary token file) — no real account or credential is involved.
 */
export async function startDemoSandbox(options: DemoSandboxOptions): Promise<DemoSandbox> {
  // Loaded only here, so every other command starts without the emulators.
  const sandbox = await import('@q2google/sandbox');
  const dir = await mkdtemp(join(tmpdir(), 'q2google-demo-'));
  const gopro = await sandbox.startGoProEmulator({
    seed: options.seed,
    library: { fixtures: true, extra: options.items, from: FROM, to: TO },
    ...(options.bandwidth ? { cdn: { bandwidthBytesPerSecond: options.bandwidth } } : {}),
  });
  const gphotos = await sandbox.startGooglePhotosEmulator({ seed: options.seed });
  const close = async () => {
    await Promise.all([gopro.close(), gphotos.close()]);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const google = sandbox.gphotosSandboxSettings(gphotos, {
      tokenFile: join(dir, 'google-token.json'),
    });
    await writeTokenFile(google.googleTokenFile, sandbox.sandboxGoogleGrant(gphotos));
    return {
      settings: {
        ...sandbox.goproSandboxSettings(gopro, { tokenFile: join(dir, 'gopro-token.json') }),
        ...google,
      },
      range: { from: FROM, to: TO },
      gopro: { apiUrl: gopro.apiUrl, media: gopro.library.media.length },
      gphotos: { url: gphotos.url },
      result: () => {
        const snapshot = gphotos.inspect();
        return {
          items: snapshot.items.length,
          albums: snapshot.albums.map((album) => ({
            title: album.title,
            items: album.itemIds.length,
          })),
        };
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
