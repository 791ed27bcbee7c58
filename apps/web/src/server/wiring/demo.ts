/**
 * Demo mode: both sandbox emulators on 127.0.0.1, the settings pointed at them, token files and
 * state in a temporary folder, and both accounts connected through the real flows (a GoPro
 * password login, a sandbox Google grant), so the dashboard is useful with no account at all.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GPHOTOS_SCOPES, startGooglePhotosEmulator, startGoProEmulator } from '@q2google/sandbox';
import { createConnections } from '../accounts/real-connections.js';
import type { WebConfig } from './web-config.js';

/** The sandbox library's capture range (the emulator's fixtures). */
export const DEMO_RANGE = { from: '2025-06-01', to: '2025-06-10' };

const DEMO_CLIENT_ID = 'q2google-sandbox';

/** A running demo: its settings, its connected accounts, and how to stop it. */
export interface Demo {
  config: WebConfig;
  connections: ReturnType<typeof createConnections>;
  dir: string;
  close(): Promise<void>;
}

/** Options of {@link startDemo}. */
export interface DemoOptions {
  /** Per-connection download speed of the sandbox CDN, bytes/s (so progress is visible). */
  bytesPerSecond?: number | null;
  /** The Google emulator's daily request quota (10,000 by default; small to show a quota stop). */
  googleDailyQuota?: number;
}

/** Starts the emulators and connects both accounts to them. */
export async function startDemo(base: WebConfig, options: DemoOptions = {}): Promise<Demo> {
  const dir = await mkdtemp(join(tmpdir(), 'q2google-web-demo-'));
  const bandwidth = options.bytesPerSecond === undefined ? 1_000_000 : options.bytesPerSecond;
  const gopro = await startGoProEmulator({ cdn: { bandwidthBytesPerSecond: bandwidth } });
  const photos = await startGooglePhotosEmulator(
    options.googleDailyQuota ? { dailyQuota: options.googleDailyQuota } : {},
  );
  const config: WebConfig = {
    ...base,
    stateUri: join(dir, 'state'),
    goproToken: undefined,
    goproUserId: undefined,
    goproApiUrl: gopro.apiUrl,
    goproClientId: gopro.account.clientId,
    goproClientSecret: gopro.account.clientSecret,
    goproTokenFile: join(dir, 'gopro-token.json'),
    googleClientId: DEMO_CLIENT_ID,
    googleClientSecret: 'sandbox-client-secret',
    googleTokenFile: join(dir, 'google-token.json'),
    gphotosApiUrl: photos.url,
    googleOauthTokenUrl: photos.endpoints.oauth2TokenUrl,
    googleOauthAuthUrl: photos.endpoints.oauth2AuthBaseUrl,
  };
  const connections = createConnections(config);
  try {
    await connections.gopro.login({ email: gopro.account.email, password: gopro.account.password });
    await connections.google.save({
      refresh_token: photos.issueRefreshToken({ clientId: DEMO_CLIENT_ID }),
      scope: [GPHOTOS_SCOPES.appendonly, GPHOTOS_SCOPES.readonly].join(' '),
    });
  } catch (error) {
    await Promise.allSettled([gopro.close(), photos.close()]);
    throw error;
  }
  return {
    config,
    connections,
    dir,
    async close() {
      await Promise.allSettled([gopro.close(), photos.close()]);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
