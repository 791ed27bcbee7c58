import {
  DEFAULT_RETRY_POLICY,
  fetchVia,
  isQ2gError,
  Q2gError,
  type RetryPolicy,
  sharedHttpDispatcher,
  withRetry,
} from '@q2google/core';
import type { TokenResponse } from '../schemas.js';
import type {
  GoProAuth,
  GoProCredentials,
  GoProTokenStore,
  StoredGoProCredentials,
} from './credentials.js';
import { requestToken } from './oauth-grant.js';

/** The usual scope of the web app's password grant (spec §1.3). */
export const DEFAULT_GOPRO_SCOPE = 'root root:channels public me upload media_library_beta live';

/** Options of {@link createPasswordAuth}. */
export interface PasswordAuthOptions {
  /** The web app's public OAuth client id and secret (64-hex strings; spec §1.3). */
  clientId: string;
  clientSecret: string;
  /** Login; optional when `store` already holds a refresh token. */
  email?: string;
  password?: string;
  twoFactorCode?: string;
  scope?: string;
  /** Keeps the tokens between runs (e.g. `createGoProTokenFile(path)`). */
  store?: GoProTokenStore;
  /** API base URL; `https://api.gopro.com` by default. */
  baseUrl?: string;
  /** The `fetch` to log in with; the global one by default. */
  fetch?: typeof fetch;
  /** Clock in ms; injected by tests. */
  now?: () => number;
  /** Renew this long before expiry (capped at a tenth of the token's lifetime); 30 min default. */
  refreshMarginMs?: number;
  retry?: RetryPolicy;
}

/**
 * Email + password auth through the OAuth token endpoint. Keeps the refresh token, renews the
 * access token before it expires and after a 401 (also when it was revoked mid-run), falls
 * back to the password when a refresh token is refused, and saves every new token to `store`.
 */
export function createPasswordAuth(options: PasswordAuthOptions): GoProAuth {
  const now = options.now ?? Date.now;
  const config = {
    baseUrl: (options.baseUrl ?? 'https://api.gopro.com').replace(/\/+$/, ''),
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    fetch: options.fetch ?? fetchVia(sharedHttpDispatcher()),
  };
  const margin = options.refreshMarginMs ?? 30 * 60_000;
  let state: StoredGoProCredentials | null = null;
  // One load of the saved credentials, shared by every first caller (calls made at once must not
  // see "nothing saved" while the load is still reading).
  let loading: Promise<void> | null = null;
  let pending: Promise<StoredGoProCredentials> | null = null;

  const accept = async (response: TokenResponse, previous: StoredGoProCredentials | null) => {
    const issued = now();
    const next: StoredGoProCredentials = {
      version: 1,
      accessToken: response.access_token,
      issuedAt: new Date(issued).toISOString(),
    };
    const refresh = response.refresh_token ?? previous?.refreshToken;
    const userId = response.resource_owner_id ?? previous?.userId;
    if (refresh) next.refreshToken = refresh;
    if (userId) next.userId = userId;
    if (response.expires_in != null) {
      next.expiresAt = new Date(issued + response.expires_in * 1000).toISOString();
    }
    state = next;
    await options.store?.save(next);
    return next;
  };

  const passwordLogin = async (previous: StoredGoProCredentials | null, signal?: AbortSignal) => {
    if (!options.email || !options.password) {
      throw new Q2gError(
        'GOPRO_AUTH_EXPIRED',
        'The GoPro session expired and no password is configured.',
        {
          hint: 'Log in again with your GoPro email and password.',
        },
      );
    }
    const grant = {
      grant_type: 'password' as const,
      username: options.email,
      password: options.password,
      scope: options.scope ?? DEFAULT_GOPRO_SCOPE,
      ...(options.twoFactorCode ? { two_factor_code: options.twoFactorCode } : {}),
    };
    return accept(await requestToken(config, grant, signal), previous);
  };

  const obtain = async (signal?: AbortSignal): Promise<StoredGoProCredentials> => {
    const previous = state;
    if (previous?.refreshToken) {
      try {
        const grant = {
          grant_type: 'refresh_token' as const,
          refresh_token: previous.refreshToken,
        };
        return await accept(await requestToken(config, grant, signal), previous);
      } catch (error) {
        if (!isQ2gError(error, 'GOPRO_AUTH_EXPIRED')) throw error;
      }
    }
    return passwordLogin(previous, signal);
  };

  const renewOnce = (signal?: AbortSignal) => {
    pending ??= withRetry(() => obtain(signal), options.retry ?? DEFAULT_RETRY_POLICY, {
      ...(signal ? { signal } : {}),
    }).finally(() => {
      pending = null;
    });
    return pending;
  };

  const needsRenewal = (c: StoredGoProCredentials) => {
    if (!c.expiresAt) return false;
    const expires = Date.parse(c.expiresAt);
    const lifetime = c.issuedAt ? expires - Date.parse(c.issuedAt) : Number.POSITIVE_INFINITY;
    return now() >= expires - Math.min(margin, lifetime / 10);
  };

  const view = (c: StoredGoProCredentials): GoProCredentials =>
    c.userId ? { accessToken: c.accessToken, userId: c.userId } : { accessToken: c.accessToken };

  return {
    canRenew: true,
    async current(signal) {
      loading ??= (async () => {
        state = (await options.store?.load()) ?? null;
      })().catch((error: unknown) => {
        loading = null;
        throw error;
      });
      await loading;
      if (pending) return view(await pending);
      if (!state || needsRenewal(state)) return view(await renewOnce(signal));
      return view(state);
    },
    async renew(failedToken, signal) {
      if (pending) return view(await pending);
      if (state && state.accessToken !== failedToken) return view(state);
      return view(await renewOnce(signal));
    },
    secrets: () =>
      [options.password, options.clientSecret, state?.accessToken, state?.refreshToken].filter(
        (s): s is string => Boolean(s),
      ),
  };
}
