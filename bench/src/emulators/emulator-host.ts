/**
 * An emulator process: starts the GoPro or the Google Photos emulator (`BENCH_INPUT`:
 * `{ which, options }`), reports its part of the wiring over IPC, then answers snapshot requests
 * (request counters, its own CPU time) until told to close. Each emulator has its own process so
 * its CPU is apart from the sync's and the other emulator's, and both can be measured. The Google
 * host also runs the CONNECT front that maps Google's fixed host names to it (for rclone), so
 * the front's CPU counts as the emulator's.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type GooglePhotosEmulatorOptionsInput,
  type GoProEmulatorOptionsInput,
  goproSandboxSettings,
  gphotosSandboxSettings,
  sandboxGoogleGrant,
  startGooglePhotosEmulator,
  startGoProEmulator,
} from '@q2google/sandbox';
import { writeTokenFile } from '@q2google/sink-gphotos';
import { GOOGLE_HOSTS } from '../lib/tls.js';
import { startConnectFront } from './connect-front.js';
import type { HostRequest, HostSnapshot, LibraryEntry, Wiring } from './wiring.js';

type Input =
  | { which: 'gopro'; options: GoProEmulatorOptionsInput }
  | { which: 'google'; options: GooglePhotosEmulatorOptionsInput };

const input = JSON.parse(process.env.BENCH_INPUT ?? '{}') as Input;

interface Host {
  wiring: Partial<Wiring>;
  counts(): Record<string, number>;
  library(): LibraryEntry[];
  close(): Promise<void>;
}

async function start(): Promise<Host> {
  // The token files of the settings this emulator hands out (one pasted token, one grant).
  const dir = await mkdtemp(join(tmpdir(), `q2g-bench-${input.which}-`));
  if (input.which === 'gopro') {
    const gopro = await startGoProEmulator(input.options);
    const goproSettings = goproSandboxSettings(gopro, {
      tokenFile: join(dir, 'gopro-token.json'),
      login: 'token',
    });
    return {
      wiring: {
        goproApiUrl: gopro.apiUrl,
        goproCdnUrl: gopro.cdnUrl,
        goproToken: goproSettings.goproToken!,
        goproSettings,
      },
      counts: () => gopro.requestCounts(),
      library: () =>
        gopro.library.media.map((m) => ({
          id: m.id,
          kind: m.kind,
          filename: m.filename,
          size: m.partSizes.reduce((a, b) => a + b, 0),
        })),
      close: async () => {
        await gopro.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  }
  const google = await startGooglePhotosEmulator(input.options);
  const googleSettings = gphotosSandboxSettings(google, {
    tokenFile: join(dir, 'google-token.json'),
  });
  await writeTokenFile(googleSettings.googleTokenFile, sandboxGoogleGrant(google));
  const front = await startConnectFront({
    [GOOGLE_HOSTS.api]: (socket) => google.acceptConnection(socket, 'api'),
    [GOOGLE_HOSTS.oauth]: (socket) => google.acceptConnection(socket, 'oauth'),
  });
  return {
    wiring: {
      gphotosUrl: google.url,
      gphotosAccessToken: google.issueAccessToken({ ttlSeconds: 7 * 86_400 }),
      googleSettings,
      googleFrontUrl: front.url,
    },
    counts: () => google.requestCounts(),
    library: () => [],
    close: async () => {
      await front.close();
      await google.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

const host = await start();
process.on('message', async (message: HostRequest) => {
  if (message.op === 'close') {
    await host.close().catch(() => {});
    process.send?.({ id: message.id, value: null }, () => process.exit(0));
    return;
  }
  const value: HostSnapshot | LibraryEntry[] =
    message.op === 'snapshot'
      ? { counts: host.counts(), cpu: process.cpuUsage(), rssBytes: process.memoryUsage.rss() }
      : host.library();
  process.send?.({ id: message.id, value });
});
process.on('disconnect', () => process.exit(0));
process.send?.({ id: 0, value: host.wiring });
