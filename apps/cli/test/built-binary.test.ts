/**
 * End-to-end runs of the built `q2google` binary (dist/bin.js) against the sandbox emulators:
 * the demo, a sync interrupted with SIGINT and resumed, status, and doctor with a broken
 * configuration. `turbo run test` builds first (apps/cli/turbo.json).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type GooglePhotosEmulator,
  type GoProEmulator,
  startGooglePhotosEmulator,
  startGoProEmulator,
} from '@q2google/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url));

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Starts the binary; `until` resolves once stderr contains `text`. */
function start(args: string[], options: { cwd: string; env?: Record<string, string> }) {
  const child: ChildProcess = spawn(process.execPath, [BIN, ...args], {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? '', HOME: options.cwd, NO_COLOR: '1', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let [stdout, stderr] = ['', ''];
  const waiters: { text: string; resolve: () => void }[] = [];
  child.stdout?.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
    for (const waiter of waiters.filter((w) => stderr.includes(w.text))) waiter.resolve();
  });
  const done = new Promise<Finished>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
  const until = (text: string) =>
    new Promise<void>((resolve) => {
      if (stderr.includes(text)) resolve();
      else waiters.push({ text, resolve });
    });
  return { child, done, until };
}

const runBin = (args: string[], options: { cwd: string; env?: Record<string, string> }) =>
  start(args, options).done;

const tempDir = () => mkdtemp(join(tmpdir(), 'q2g-e2e-'));

let gopro: GoProEmulator;
let gphotos: GooglePhotosEmulator;
beforeAll(async () => {
  if (!existsSync(BIN)) throw new Error(`Build the CLI first: ${BIN} is missing (pnpm build).`);
  [gopro, gphotos] = await Promise.all([
    startGoProEmulator({
      seed: 7,
      library: { fixtures: false, extra: 12, sizeRange: [150_000, 250_000], mix: { photo: 1 } },
      // Slow enough that an interrupt lands while units are in flight.
      cdn: { bandwidthBytesPerSecond: 400_000 },
    }),
    startGooglePhotosEmulator({ seed: 7 }),
  ]);
});
afterAll(async () => {
  await Promise.all([gopro?.close(), gphotos?.close()]);
});

/** Settings that point the CLI at the emulators, the way a user points it at any server. */
async function sandboxEnv(dir: string): Promise<Record<string, string>> {
  const tokenFile = join(dir, 'google-token.json');
  const refresh = gphotos.issueRefreshToken({ clientId: 'q2google-sandbox' });
  await writeFile(tokenFile, JSON.stringify({ refresh_token: refresh }), { mode: 0o600 });
  return {
    Q2G_GOPRO_API_URL: gopro.apiUrl,
    Q2G_GOPRO_TOKEN: gopro.issueAccessToken(),
    Q2G_GOPRO_USER_ID: gopro.account.userId,
    Q2G_GPHOTOS_API_URL: gphotos.url,
    Q2G_GOOGLE_OAUTH_TOKEN_URL: gphotos.endpoints.oauth2TokenUrl,
    Q2G_GOOGLE_CLIENT_ID: 'q2google-sandbox',
    Q2G_GOOGLE_TOKEN_FILE: tokenFile,
    Q2G_STATE_URI: join(dir, 'state'),
  };
}

describe('the built q2google binary', () => {
  it('runs the demo: a full sync between the in-process emulators with no credentials', async () => {
    const cwd = await tempDir();
    const result = await runBin(['demo', '--items', '8'], { cwd });
    expect(result.stderr).not.toContain('error');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Session demo-\d{8}-\d{6}: complete/);
    expect(result.stdout).toMatch(/skipped\s+2\s+not-ready 1, unsupported-type 1/);
    expect(result.stdout).toMatch(/Emulated Google Photos now holds (\d+) items, \1 in the album/);
    expect(existsSync(join(cwd, '.q2google', 'demo'))).toBe(true);
  });

  it('stops on SIGINT with state saved (exit 130), resumes to the end, and shows the status', async () => {
    const cwd = await tempDir();
    const env = await sandboxEnv(cwd);
    const expected = gopro.expectedUnits().length;
    const first = start(
      ['sync', '--from', '2024-01-01', '--to', '2025-12-31', '--session', 'e2e'],
      {
        cwd,
        env,
      },
    );
    await first.until('transfer…');
    first.child.kill('SIGINT');
    const stopped = await first.done;
    expect(stopped.code).toBe(130);
    expect(stopped.stderr).toContain(
      'Interrupted; state is saved. Resume with: q2google resume e2e',
    );
    expect(gphotos.inspect().items.length).toBeLessThan(expected);

    const resumed = await runBin(['resume', 'e2e'], { cwd, env });
    expect(resumed.stderr).not.toContain('error:');
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain('Session e2e: complete');
    const created = gphotos.inspect().items;
    expect(created).toHaveLength(expected);
    expect(new Set(created.map((item) => item.filename)).size).toBe(expected);

    const status = await runBin(['status', 'e2e'], { cwd, env });
    expect(status.code).toBe(0);
    expect(status.stdout).toContain('Session e2e: complete');
    expect(status.stdout).toMatch(new RegExp(`created\\s+${expected}`));
    expect(status.stdout + status.stderr).not.toContain(env.Q2G_GOPRO_TOKEN);
  });

  it('runs doctor with a broken configuration: one line per check, exit 2', async () => {
    const cwd = await tempDir();
    await writeFile(join(cwd, '.env'), 'Q2G_CONCURRENCY=lots\n');
    const result = await runBin(['doctor'], { cwd });
    expect(result.code).toBe(2);
    expect(result.stdout).toContain(
      `✗ configuration: Q2G_CONCURRENCY in ${join(cwd, '.env')} is invalid: expected a whole number from 1 to 32`,
    );
    expect(result.stdout).toContain('- state backend: not checked');
    expect(result.stderr).not.toContain('    at ');
  });
});
