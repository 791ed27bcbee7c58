import {
  type ByteRequest,
  byteRequestVia,
  fetchVia,
  type HttpDispatcher,
  type HttpTrace,
  Q2gError,
  type RetryPolicy,
  sharedHttpDispatcher,
  traceByteRequest,
  traceFetch,
} from '@q2google/core';
import type { GoProAuth } from '../auth/credentials.js';
import { createPasswordAuth } from '../auth/password-auth.js';
import { createPastedTokenAuth } from '../auth/pasted-token-auth.js';
import { createGoProTokenFile } from '../auth/token-file.js';
import { createGoProSource, type GoProSource, type GoProSourceConfig } from '../gopro-source.js';
import type { GoProSettings } from './gopro-settings.js';

/** What an app passes besides the settings: its HTTP stack, retry policy, and how to log in. */
export interface GoProWiringOptions {
  /** A fetch of the app's own; by default one through `dispatcher`. */
  fetch?: typeof fetch;
  /** Media downloads of the app's own; by default undici's `request` through `dispatcher`. */
  download?: ByteRequest;
  /** Where requests go (the proxy-aware shared dispatcher by default). */
  dispatcher?: HttpDispatcher;
  /** Records every request (`--trace-http`). */
  trace?: HttpTrace;
  retry?: RetryPolicy;
  /** The hint when there is no login at all (how this app logs in). */
  loginHint?: string;
}

/** The GoPro web app's OAuth client (needed only for the password login) when both are set. */
export function goproClientOf(
  settings: Pick<GoProSettings, 'goproClientId' | 'goproClientSecret'>,
): { clientId: string; clientSecret: string } | undefined {
  const { goproClientId, goproClientSecret } = settings;
  return goproClientId && goproClientSecret
    ? { clientId: goproClientId, clientSecret: goproClientSecret }
    : undefined;
}

/**
 * The fetch of every GoPro request (API, OAuth, CDN): the app's, else one through the
 * dispatcher (the shared one honours HTTPS_PROXY/HTTP_PROXY/NO_PROXY), traced when asked.
 */
export function goproFetchOf(
  options: Pick<GoProWiringOptions, 'fetch' | 'dispatcher' | 'trace'>,
): typeof fetch {
  const base = options.fetch ?? fetchVia(options.dispatcher ?? sharedHttpDispatcher());
  return options.trace ? traceFetch(base, options.trace, 'gopro') : base;
}

/**
 * What downloads GoPro's media bytes (the CDN): the app's, else undici's `request` through the
 * dispatcher (the shared one honours the proxy variables), traced when asked.
 */
export function goproDownloadOf(
  options: Pick<GoProWiringOptions, 'download' | 'dispatcher' | 'trace'>,
): ByteRequest {
  const base = options.download ?? byteRequestVia(options.dispatcher ?? sharedHttpDispatcher());
  return options.trace ? traceByteRequest(base, options.trace, 'gopro') : base;
}

/**
 * GoPro credentials from the settings, in the one order every app uses: a pasted token in the
 * settings (`Q2G_GOPRO_TOKEN`); else the password login (the saved refresh token, or the
 * settings' e-mail + password) when the GoPro OAuth client is set; else the saved token as
 * pasted. Throws GOPRO_AUTH_FAILED with `loginHint` when there is none.
 */
export async function goproAuthFromSettings(
  settings: GoProSettings,
  options: GoProWiringOptions = {},
): Promise<GoProAuth> {
  if (settings.goproToken) {
    return createPastedTokenAuth({
      accessToken: settings.goproToken,
      ...(settings.goproUserId ? { userId: settings.goproUserId } : {}),
    });
  }
  const store = createGoProTokenFile(settings.goproTokenFile);
  const saved = await store.load();
  const client = goproClientOf(settings);
  const hasPassword = Boolean(settings.goproEmail && settings.goproPassword);
  if (client && (hasPassword || saved?.refreshToken)) {
    return createPasswordAuth({
      ...client,
      store,
      baseUrl: settings.goproApiUrl,
      fetch: goproFetchOf(options),
      ...(options.retry ? { retry: options.retry } : {}),
      ...(settings.goproEmail ? { email: settings.goproEmail } : {}),
      ...(settings.goproPassword ? { password: settings.goproPassword } : {}),
    });
  }
  if (saved) {
    return createPastedTokenAuth({
      accessToken: saved.accessToken,
      ...(saved.userId ? { userId: saved.userId } : {}),
    });
  }
  throw new Q2gError('GOPRO_AUTH_FAILED', 'q2google has no GoPro login yet.', {
    ...(options.loginHint ? { hint: options.loginHint } : {}),
  });
}

/** Source options an app may tune beyond the settings. */
export type GoProSourceTuning = Omit<
  GoProSourceConfig,
  'auth' | 'baseUrl' | 'fetch' | 'download' | 'retry'
>;

/** The GoPro source the settings describe, with its credentials in the one login order. */
export async function createGoProSourceFromSettings(
  settings: GoProSettings,
  options: GoProWiringOptions & GoProSourceTuning = {},
): Promise<GoProSource & { auth: GoProAuth }> {
  const { loginHint: _hint, dispatcher: _d, trace: _t, download: _dl, ...tuning } = options;
  const fetch = goproFetchOf(options);
  const download = goproDownloadOf(options);
  const auth = await goproAuthFromSettings(settings, { ...options, fetch });
  const defaults = { fileNameTag: settings.fileNameTag === true, ...tuning.defaults };
  return {
    ...createGoProSource({
      ...tuning,
      defaults,
      fetch,
      download,
      auth,
      baseUrl: settings.goproApiUrl,
    }),
    auth,
  };
}
