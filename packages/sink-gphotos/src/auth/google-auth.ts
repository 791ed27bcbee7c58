import { Q2gError } from '@q2google/core';
import { REAUTH_HINT } from '../errors/classify.js';
import { refreshAccessToken } from './refresh-grant.js';
import { splitScopes } from './scopes.js';
import {
  type InsecureFilePolicy,
  mergeTokens,
  readTokenFile,
  type StoredTokens,
  writeTokenFile,
} from './token-file.js';

/** Where the OAuth endpoints live (Google's by default; the sandbox's in tests). */
export interface OAuthEndpoints {
  oauth2TokenUrl?: string;
  oauth2AuthBaseUrl?: string;
}

/** Supplies request credentials to the sink. */
export interface GooglePhotosAuth {
  /** Authorization headers for one request (refreshed when the access token is near expiry). */
  headers(): Promise<Record<string, string>>;
  /** Forces a new access token (after a 401). */
  refresh(): Promise<void>;
  /** Scopes the grant carries, when known. */
  grantedScopes(): string[] | undefined;
}

/** Options of {@link createOAuthAuth}. */
export interface OAuthAuthOptions {
  clientId: string;
  clientSecret?: string;
  /** Token file (JSON, mode 0600) holding the refresh token; new tokens are merged into it. */
  tokenFile?: string;
  /** Tokens to start from instead of (or before) the file. */
  tokens?: StoredTokens;
  endpoints?: OAuthEndpoints;
  /** The fetch of the token calls (through the proxy-aware shared dispatcher by default). */
  fetch?: typeof fetch;
  /** Token file readable by others: refuse (default) or warn. */
  insecureTokenFile?: InsecureFilePolicy;
  /** Where warnings go (an insecure token file under the `warn` policy). */
  warn?: (message: string) => void;
  /** Called with the merged tokens whenever they change (for custom storage). */
  onTokens?: (tokens: StoredTokens) => void | Promise<void>;
}

/** An access token this close to its expiry is refreshed first (google-auth-library's margin). */
const EAGER_REFRESH_MS = 5 * 60_000;

/**
 * Credentials from a saved refresh token: the access token is refreshed (one at a time) when
 * missing or within 5 minutes of expiry, new tokens are merged into the token
 * file, `invalid_grant` → GPHOTOS_AUTH_REQUIRED. No OAuth library is loaded for it.
 */
export async function createOAuthAuth(options: OAuthAuthOptions): Promise<GooglePhotosAuth> {
  const fromFile = options.tokenFile
    ? await readTokenFile(options.tokenFile, {
        insecure: options.insecureTokenFile,
        warn: options.warn,
      })
    : undefined;
  let current = mergeTokens(fromFile, options.tokens ?? {});
  if (!current.refresh_token && !current.access_token) {
    throw new Q2gError(
      'GPHOTOS_AUTH_REQUIRED',
      'q2google is not authorised to use Google Photos yet.',
      {
        hint: REAUTH_HINT,
      },
    );
  }
  let refreshing: Promise<void> | undefined;
  const refreshOnce = () => {
    refreshing ??= (async () => {
      try {
        const refreshToken = current.refresh_token;
        if (!refreshToken) {
          throw new Q2gError('GPHOTOS_AUTH_REQUIRED', 'The Google access token was rejected.', {
            hint: REAUTH_HINT,
          });
        }
        const fresh = await refreshAccessToken({
          clientId: options.clientId,
          refreshToken,
          ...(options.clientSecret ? { clientSecret: options.clientSecret } : {}),
          ...(options.endpoints?.oauth2TokenUrl
            ? { tokenUrl: options.endpoints.oauth2TokenUrl }
            : {}),
          ...(options.fetch ? { fetch: options.fetch } : {}),
        });
        current = mergeTokens(current, fresh);
        if (options.tokenFile) await writeTokenFile(options.tokenFile, current);
        await options.onTokens?.(current);
      } finally {
        refreshing = undefined;
      }
    })();
    return refreshing;
  };
  const expiring = () =>
    !current.access_token ||
    (typeof current.expiry_date === 'number' &&
      current.expiry_date <= Date.now() + EAGER_REFRESH_MS);
  return {
    async headers() {
      if (expiring()) await refreshOnce();
      return { authorization: `Bearer ${current.access_token}` };
    },
    refresh: refreshOnce,
    grantedScopes: () => (current.scope ? splitScopes(current.scope) : undefined),
  };
}

/** Fixed credentials from one access token (benchmarks, scripts). No refresh. */
export function createStaticAuth(accessToken: string, scopes?: string[]): GooglePhotosAuth {
  return {
    headers: async () => ({ authorization: `Bearer ${accessToken}` }),
    refresh: async () => {
      throw new Q2gError('GPHOTOS_AUTH_REQUIRED', 'The Google access token was rejected.', {
        hint: REAUTH_HINT,
      });
    },
    grantedScopes: () => scopes,
  };
}
