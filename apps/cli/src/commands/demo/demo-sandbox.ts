import type { MediaSink, MediaSource } from '@q2google/core';
import { createGooglePhotosSink } from '@q2google/sink-gphotos';
import { createGoProSource, createPasswordAuth } from '@q2google/source-gopro';

/** What the demo asks of the sandbox. */
export interface DemoSandboxOptions {
  /** Extra random items besides the fixtures (one of each GoPro kind). */
  items: number;
  /** Seed of the generated library: the same seed gives the same media and bytes. */
  seed: number;
  /** CDN bandwidth per connection in bytes/s, to watch progress; unthrottled when absent. */
  bandwidth?: number;
}

/** Both emulators running in this process, with a source and a sink wired to them. */
export interface DemoSandbox {
  source: MediaSource;
  sink: MediaSink;
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
const SANDBOX_CLIENT = 'q2google-sandbox';

/**
 * Starts the GoPro and Google Photos emulators on 127.0.0.1 with a generated library, and logs
 * in to both the way a user would (GoPro password grant, Google refresh token) — no real
 * account or credential is involved.
 */
export async function startDemoSandbox(options: DemoSandboxOptions): Promise<DemoSandbox> {
  // Loaded only here, so every other command starts without the emulators.
  const { startGoProEmulator, startGooglePhotosEmulator } = await import('@q2google/sandbox');
  const gopro = await startGoProEmulator({
    seed: options.seed,
    library: { fixtures: true, extra: options.items, from: FROM, to: TO },
    ...(options.bandwidth ? { cdn: { bandwidthBytesPerSecond: options.bandwidth } } : {}),
  });
  const gphotos = await startGooglePhotosEmulator({ seed: options.seed });
  const { account } = gopro;
  const source = createGoProSource({
    baseUrl: gopro.apiUrl,
    auth: createPasswordAuth({
      clientId: account.clientId,
      clientSecret: account.clientSecret,
      email: account.email,
      password: account.password,
      baseUrl: gopro.apiUrl,
    }),
  });
  const sink = createGooglePhotosSink({
    baseUrl: gphotos.url,
    auth: {
      clientId: SANDBOX_CLIENT,
      tokens: { refresh_token: gphotos.issueRefreshToken({ clientId: SANDBOX_CLIENT }) },
      endpoints: gphotos.endpoints,
    },
  });
  return {
    source,
    sink,
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
    close: async () => {
      await Promise.all([gopro.close(), gphotos.close()]);
    },
  };
}
