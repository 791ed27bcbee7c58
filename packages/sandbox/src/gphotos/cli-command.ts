import { intOption as int, parseEmulatorArgs } from '../shared/cli-args.js';
import { type GooglePhotosEmulator, startGooglePhotosEmulator } from './emulator.js';

/** Usage of `q2google-sandbox gphotos`. */
export const GPHOTOS_USAGE = `q2google-sandbox gphotos [options]
  --port N              port (random by default)
  --seed S              fault seed (default 1)
  --client-id ID        OAuth client the ready tokens belong to (default q2google-sandbox)
  --granularity B       resumable chunk granularity in bytes (default 262144)
  --daily-quota N       requests per Pacific day (default 10000)
  --writes-per-minute N per-user write limit (default unlimited)
  --token-ttl S         access-token lifetime in seconds (default 3600)
  --bandwidth B         per-request upload limit in bytes/s (default unlimited)
  --no-dedup            create a new item for repeated bytes
  --consumed-token M    same-item | exists | invalid (default same-item)
  --partial-status N    200 | 207 for a batch with failures (default 200)
  --tls                 serve HTTPS with a throwaway CA (its file: caFile in the JSON line)`;

/**
 * Starts the Google Photos emulator from command-line arguments and prints one JSON line with
 * its URLs, a refresh token and an access token (sandbox-only values, not real secrets).
 */
export async function runGooglePhotosCommand(
  argv: string[],
  out: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Promise<GooglePhotosEmulator> {
  const values = parseEmulatorArgs(
    argv,
    [
      'port',
      'seed',
      'client-id',
      'granularity',
      'daily-quota',
      'writes-per-minute',
      'token-ttl',
      'bandwidth',
      'consumed-token',
      'partial-status',
    ],
    ['no-dedup', 'tls'],
  );
  const consumed = values['consumed-token'];
  if (consumed && !['same-item', 'exists', 'invalid'].includes(consumed)) {
    throw new Error('--consumed-token must be same-item, exists or invalid');
  }
  const partial = int(values['partial-status'], 'partial-status');
  if (partial !== undefined && partial !== 200 && partial !== 207) {
    throw new Error('--partial-status must be 200 or 207');
  }
  const emulator = await startGooglePhotosEmulator({
    port: int(values.port, 'port'),
    seed: int(values.seed, 'seed') ?? 1,
    granularity: int(values.granularity, 'granularity'),
    dailyQuota: int(values['daily-quota'], 'daily-quota'),
    writesPerMinute: int(values['writes-per-minute'], 'writes-per-minute'),
    accessTokenTtlSeconds: int(values['token-ttl'], 'token-ttl'),
    uploadBytesPerSecond: int(values.bandwidth, 'bandwidth'),
    dedupByContent: !values['no-dedup'],
    consumedTokenMode: consumed as 'same-item' | 'exists' | 'invalid' | undefined,
    partialSuccessStatus: partial as 200 | 207 | undefined,
    tls: values.tls,
  });
  const grant = { clientId: values['client-id'] ?? 'q2google-sandbox' };
  out(
    JSON.stringify({
      emulator: 'gphotos',
      apiUrl: emulator.url,
      tokenUrl: emulator.endpoints.oauth2TokenUrl,
      authUrl: emulator.endpoints.oauth2AuthBaseUrl,
      clientId: grant.clientId,
      refreshToken: emulator.issueRefreshToken(grant),
      accessToken: emulator.issueAccessToken(grant),
      stateUrl: `${emulator.url}/__sandbox/state`,
      ...(emulator.tls ? { caFile: emulator.tls.caFile } : {}),
    }),
  );
  return emulator;
}
