/**
 * Demo mode: both sandbox emulators on 127.0.0.1, the settings pointed at them, token files and
 * state in a temporary folder, and both accounts connected through the real flows (a GoPro
 * password login, a sandbox Google grant), so the dashboard is useful with no account at all.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  goproFileMetadata,
  goproSandboxSettings,
  gphotosSandboxSettings,
  sandboxGoogleGrant,
  startGooglePhotosEmulator,
  startGoProEmulator,
} from '@q2google/sandbox';
import { createConnections } from '../accounts/real-connections.js';
import type { WebConfig } from './web-config.js';

/** The sandbox library's capture range (the emulator's fixtures). */
export const DEMO_RANGE = { from: '2025-06-01', to: '2025-06-10' };

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
  const photos = await startGooglePhotosEmulator({
    fileMetadata: goproFileMetadata(gopro),
    ...(options.googleDailyQuota ? { dailyQuota: options.googleDailyQuota } : {}),
  });
  const config: WebConfig = {
    ...base,
    stateUri: join(dir, 'state'),
    ...goproSandboxSettings(gopro, { tokenFile: join(dir, 'gopro-token.json') }),
    ...gphotosSandboxSettings(photos, { tokenFile: join(dir, 'google-token.json') }),
  };
  const connections = createConnections(config);
  try {
    // Both accounts are connected through the dashboard's own flows, as a user would.
    await connections.gopro.login({ email: gopro.account.email, password: gopro.account.password });
    await connections.google.save(sandboxGoogleGrant(photos));
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
