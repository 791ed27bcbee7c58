import { Q2gError } from '@q2google/core';
import {
  createGoProTokenFile,
  createPasswordAuth,
  createPastedTokenAuth,
  type GoProAuth,
} from '@q2google/source-gopro';
import type { CliConfig } from '../context.js';

/** The hint for a missing or dead GoPro login. */
export const GOPRO_LOGIN_HINT =
  'Run `q2google auth gopro` (or set Q2G_GOPRO_TOKEN and Q2G_GOPRO_USER_ID).';

/** The GoPro web app's OAuth client, needed only for the email + password login. */
export function goproClientOf(
  config: CliConfig,
): { clientId: string; clientSecret: string } | undefined {
  const { goproClientId, goproClientSecret } = config;
  return goproClientId && goproClientSecret
    ? { clientId: goproClientId, clientSecret: goproClientSecret }
    : undefined;
}

/**
 * GoPro credentials from settings, in order: a pasted token (`Q2G_GOPRO_TOKEN`), the saved login
 * (`auth gopro`), then email + password. Throws GOPRO_AUTH_FAILED naming what to do when none.
 */
export async function goproAuthOf(config: CliConfig, fetchImpl: typeof fetch): Promise<GoProAuth> {
  if (config.goproToken) {
    return createPastedTokenAuth({
      accessToken: config.goproToken,
      ...(config.goproUserId ? { userId: config.goproUserId } : {}),
    });
  }
  const store = createGoProTokenFile(config.goproTokenFile);
  const saved = await store.load();
  const client = goproClientOf(config);
  const canLogIn = client && ((config.goproEmail && config.goproPassword) || saved?.refreshToken);
  if (client && canLogIn) {
    return createPasswordAuth({
      ...client,
      store,
      baseUrl: config.goproApiUrl,
      fetch: fetchImpl,
      ...(config.goproEmail ? { email: config.goproEmail } : {}),
      ...(config.goproPassword ? { password: config.goproPassword } : {}),
    });
  }
  if (saved) {
    return createPastedTokenAuth({
      accessToken: saved.accessToken,
      ...(saved.userId ? { userId: saved.userId } : {}),
    });
  }
  throw new Q2gError('GOPRO_AUTH_FAILED', 'q2google has no GoPro login yet.', {
    hint: GOPRO_LOGIN_HINT,
  });
}
