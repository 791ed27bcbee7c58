import { Q2gError } from '@q2google/core';
import type { GoProAuth, GoProTokenStore, StoredGoProCredentials } from '../auth/credentials.js';
import { createPasswordAuth } from '../auth/password-auth.js';
import { createPastedTokenAuth } from '../auth/pasted-token-auth.js';
import { createGoProTokenFile } from '../auth/token-file.js';
import { createGoProSource } from '../gopro-source.js';
import { type GoProWiringOptions, goproClientOf, goproFetchOf } from './gopro-from-settings.js';
import type { GoProSettings } from './gopro-settings.js';

/** What the user entered to log in: a pasted token, or e-mail and password. */
export type GoProLogin =
  | { kind: 'token'; accessToken: string; userId?: string }
  | { kind: 'password'; email: string; password: string; twoFactorCode?: string };

/** The hint when a password login is tried without the GoPro OAuth client. */
export const GOPRO_CLIENT_HINT =
  'Set Q2G_GOPRO_CLIENT_ID and Q2G_GOPRO_CLIENT_SECRET (see the README), or log in with a pasted token instead.';

/**
 * Logs in with exactly what the user entered, proves it with one account call made with these
 * credentials only (never a login saved before), and only then saves it to the settings' token
 * file. Nothing is saved when the check fails. Returns the account id and every secret handled.
 */
export async function saveGoProLogin(
  settings: GoProSettings,
  login: GoProLogin,
  options: Omit<GoProWiringOptions, 'loginHint'> = {},
): Promise<{ accountId: string; secrets: string[] }> {
  let captured: StoredGoProCredentials | null = null;
  const memory: GoProTokenStore = {
    load: async () => null,
    save: async (credentials) => {
      captured = credentials;
    },
  };
  const fetch = goproFetchOf(options);
  const auth = loginAuth(settings, login, memory, { ...options, fetch });
  const source = createGoProSource({
    auth,
    baseUrl: settings.goproApiUrl,
    fetch,
    ...(options.retry ? { retry: options.retry } : {}),
  });
  const { accountId } = await source.verify();
  const current = await auth.current();
  const credentials: StoredGoProCredentials = captured ?? {
    version: 1,
    accessToken: current.accessToken,
  };
  await createGoProTokenFile(settings.goproTokenFile).save({
    ...credentials,
    userId: credentials.userId ?? current.userId ?? accountId,
  });
  return { accountId, secrets: auth.secrets() };
}

/** The GoPro OAuth client of the settings; CONFIG_INVALID saying what to set when missing. */
export function requireGoProClient(settings: GoProSettings): {
  clientId: string;
  clientSecret: string;
} {
  const client = goproClientOf(settings);
  if (!client) {
    throw new Q2gError(
      'CONFIG_INVALID',
      "Email + password login needs the GoPro web app's OAuth client id and secret.",
      { hint: GOPRO_CLIENT_HINT },
    );
  }
  return client;
}

function loginAuth(
  settings: GoProSettings,
  login: GoProLogin,
  store: GoProTokenStore,
  options: Omit<GoProWiringOptions, 'loginHint'>,
): GoProAuth {
  if (login.kind === 'token') {
    return createPastedTokenAuth({
      accessToken: login.accessToken,
      ...(login.userId ? { userId: login.userId } : {}),
    });
  }
  return createPasswordAuth({
    ...requireGoProClient(settings),
    email: login.email.trim(),
    password: login.password,
    store,
    baseUrl: settings.goproApiUrl,
    ...(login.twoFactorCode ? { twoFactorCode: login.twoFactorCode } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.retry ? { retry: options.retry } : {}),
  });
}

/** How the settings log in to GoPro, without contacting GoPro; null when they do not. */
export async function goproLoginOf(settings: GoProSettings): Promise<{
  method: 'settings' | 'password' | 'token';
  userId?: string;
  expiresAt?: string;
  secrets: string[];
} | null> {
  if (settings.goproToken) {
    return {
      method: 'settings',
      ...(settings.goproUserId ? { userId: settings.goproUserId } : {}),
      secrets: [settings.goproToken],
    };
  }
  const saved = await createGoProTokenFile(settings.goproTokenFile).load();
  if (!saved) return null;
  return {
    method: saved.refreshToken ? 'password' : 'token',
    ...(saved.userId ? { userId: saved.userId } : {}),
    ...(saved.expiresAt ? { expiresAt: saved.expiresAt } : {}),
    secrets: [saved.accessToken, saved.refreshToken].filter((s): s is string => Boolean(s)),
  };
}
