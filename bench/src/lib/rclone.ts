/**
 * The rclone peer: rclone v1.76.0 built by `scripts/rclone.sh` from the Go module proxy, and
 * one `rclone copy <dir> gphotos:upload` measured as a process. rclone's Google Photos backend
 * has fixed endpoints, so it reaches the Google emulator through the CONNECT front
 * (`HTTPS_PROXY`), trusting the run's throwaway CA with `--ca-cert`. Its remote holds an access
 * token from the emulator with a far expiry, so no OAuth round trip happens (as for a user
 * whose token is fresh).
 */
import { execFile, spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Wiring } from '../emulators/wiring.js';
import { type ProcessCost, runMeasuredProcess } from './measured-process.js';
import { benchTls } from './tls.js';

const SCRIPT = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  'scripts',
  'rclone.sh',
);

/** The exit status `scripts/rclone.sh` uses when Go is missing (the peer rows are skipped). */
const NO_GO = 3;

/** The rclone binary and its version, or why there is none. */
export type RcloneBinary = { path: string; version: string } | { skipped: string };

/** Runs `scripts/rclone.sh path`: its progress goes to our stderr, the binary's path is returned. */
function buildOrFind(): Promise<{ code: number | null; path: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [SCRIPT, 'path'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, path: stdout.trim() }));
  });
}

/** Builds (first time only, minutes) or finds rclone; a missing Go skips, loudly. */
export async function findRclone(log: (message: string) => void): Promise<RcloneBinary> {
  const { code, path } = await buildOrFind();
  if (code === NO_GO) {
    const reason = 'Go is not installed, so rclone could not be built (scripts/rclone.sh)';
    log(`  SKIPPED the rclone peer rows: ${reason}`);
    return { skipped: reason };
  }
  if (code !== 0 || !path) throw new Error(`scripts/rclone.sh failed (exit ${code})`);
  const { stdout } = await promisify(execFile)(path, ['version']);
  return { path, version: stdout.split('\n')[0]?.trim() ?? 'rclone' };
}

/** Writes an rclone config with one Google Photos remote, `gphotos:`, holding `accessToken`. */
export async function writeRcloneConfig(path: string, accessToken: string): Promise<void> {
  const token = JSON.stringify({
    access_token: accessToken,
    token_type: 'Bearer',
    expiry: new Date(Date.now() + 6 * 86_400_000).toISOString(),
  });
  await writeFile(path, `[gphotos]\ntype = google photos\ntoken = ${token}\n`, { mode: 0o600 });
}

/** `rclone copy <source> gphotos:upload --transfers N`, measured (CPU, peak RSS, wall time). */
export function rcloneCopy(
  rclone: { path: string },
  options: { wiring: Wiring; configFile: string; source: string; transfers: number },
): Promise<ProcessCost> {
  const args = [
    '--config',
    options.configFile,
    'copy',
    options.source,
    'gphotos:upload',
    '--transfers',
    String(options.transfers),
    '--ca-cert',
    benchTls().caFile,
    '--stats',
    '0',
    '--quiet',
  ];
  const env = {
    ...process.env,
    HTTPS_PROXY: options.wiring.googleFrontUrl,
    https_proxy: options.wiring.googleFrontUrl,
    NO_PROXY: '',
    no_proxy: '',
  };
  return runMeasuredProcess(rclone.path, args, { env });
}
