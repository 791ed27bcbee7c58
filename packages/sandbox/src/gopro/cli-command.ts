import { intOption as int, parseEmulatorArgs } from '../shared/cli-args.js';
import { type GoProEmulator, startGoProEmulator } from './emulator.js';

/** Usage of `q2google-sandbox gopro`. */
export const GOPRO_USAGE = `q2google-sandbox gopro [options]
  --port N          API port (random by default)
  --cdn-port N      CDN port (random by default)
  --seed S          library seed (default 1)
  --items N         extra random items besides the fixtures (default 0)
  --token-ttl S     access-token lifetime in seconds (default 86400)
  --url-ttl S       signed-URL lifetime in seconds (default 3600)
  --bandwidth B     per-connection CDN limit in bytes/s (default unlimited)
  --tls             serve HTTPS with a throwaway CA (its file: caFile in the JSON line)`;

/**
 * Starts the GoPro emulator from command-line arguments and prints one JSON line with its
 * URLs, the sandbox account and a ready access token (all sandbox-only, not real secrets).
 */
export async function runGoProCommand(
  argv: string[],
  out: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Promise<GoProEmulator> {
  const values = parseEmulatorArgs(
    argv,
    ['port', 'cdn-port', 'seed', 'items', 'token-ttl', 'url-ttl', 'bandwidth'],
    ['tls'],
  );
  const emulator = await startGoProEmulator({
    port: int(values.port, 'port'),
    cdnPort: int(values['cdn-port'], 'cdn-port'),
    seed: int(values.seed, 'seed') ?? 1,
    library: { extra: int(values.items, 'items') ?? 0 },
    auth: { accessTokenTtlSeconds: int(values['token-ttl'], 'token-ttl') ?? 86_400 },
    cdn: {
      urlTtlSeconds: int(values['url-ttl'], 'url-ttl') ?? 3600,
      bandwidthBytesPerSecond: int(values.bandwidth, 'bandwidth') ?? null,
    },
    tls: values.tls,
  });
  out(
    JSON.stringify({
      emulator: 'gopro',
      apiUrl: emulator.apiUrl,
      cdnUrl: emulator.cdnUrl,
      items: emulator.library.media.length,
      account: emulator.account,
      accessToken: emulator.issueAccessToken(),
      ...(emulator.tls ? { caFile: emulator.tls.caFile } : {}),
    }),
  );
  return emulator;
}
