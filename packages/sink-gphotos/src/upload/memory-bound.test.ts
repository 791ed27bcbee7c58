import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type GooglePhotosEmulator, startGooglePhotosEmulator } from '@q2google/sandbox';
import { afterEach, describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('../../bench/upload-memory.ts', import.meta.url));
let emulator: GooglePhotosEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

/** Runs the bench script in a child process against `emulator` and returns its report. */
function runChild(bytes: number, url: string, token: string) {
  return new Promise<{ bytes: number; maxRssBytes: number }>((resolve, reject) => {
    execFile(
      process.execPath,
      ['--conditions=q2google-source', '--import', 'tsx', script],
      {
        env: {
          ...process.env,
          BYTES: String(bytes),
          GPHOTOS_URL: url,
          GPHOTOS_ACCESS_TOKEN: token,
        },
      },
      (error, stdout, stderr) =>
        error ? reject(new Error(stderr || error.message)) : resolve(JSON.parse(stdout)),
    );
  });
}

describe('upload memory', () => {
  it('streams a 4 GiB upload with the uploading process under 200 MiB resident', {
    timeout: 90_000,
  }, async () => {
    emulator = await startGooglePhotosEmulator();
    const token = emulator.issueAccessToken({ ttlSeconds: 3_600 });
    const report = await runChild(4 * 1024 ** 3, emulator.url, token);
    expect(report.bytes).toBe(4 * 1024 ** 3);
    expect(report.maxRssBytes).toBeLessThan(200 * 1024 ** 2);
    const [stored] = emulator.inspect().uploadTokens;
    expect(stored?.size).toBe(4 * 1024 ** 3);
  });
});
