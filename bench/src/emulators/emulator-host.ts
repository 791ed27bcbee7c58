/**
 * An emulator process: starts the GoPro or the Google Photos emulator (`BENCH_INPUT`:
 * `{ which, options }`), reports its part of the wiring over IPC, then answers snapshot requests
 * (request counters, its own CPU time) until told to close. Each emulator has its own process so
 * its CPU is apart from the sync's and the other emulator's, and both can be measured.
 */
import {
  type GooglePhotosEmulatorOptionsInput,
  type GoProEmulatorOptionsInput,
  startGooglePhotosEmulator,
  startGoProEmulator,
} from '@q2google/sandbox';
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
  if (input.which === 'gopro') {
    const gopro = await startGoProEmulator(input.options);
    return {
      wiring: {
        goproApiUrl: gopro.apiUrl,
        goproCdnUrl: gopro.cdnUrl,
        goproToken: gopro.issueAccessToken(null),
        goproUserId: gopro.account.userId,
      },
      counts: () => gopro.requestCounts(),
      library: () =>
        gopro.library.media.map((m) => ({
          id: m.id,
          kind: m.kind,
          filename: m.filename,
          size: m.partSizes.reduce((a, b) => a + b, 0),
        })),
      close: () => gopro.close(),
    };
  }
  const google = await startGooglePhotosEmulator(input.options);
  return {
    wiring: {
      gphotosUrl: google.url,
      gphotosAccessToken: google.issueAccessToken({ ttlSeconds: 7 * 86_400 }),
      refreshToken: google.issueRefreshToken(),
      endpoints: google.endpoints,
    },
    counts: () => google.requestCounts(),
    library: () => [],
    close: () => google.close(),
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
