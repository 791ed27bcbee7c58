import { Q2gError } from '@q2google/core';
import { OAuth2Client } from 'google-auth-library';
import { REAUTH_HINT } from '../errors/classify.js';
import { authFailure } from './auth-errors.js';
import { oauthTransporterOptions } from './oauth-transport.js';
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

/**
 * Credentials from a saved refresh token through google-auth-library: automatic refresh,
 * `tokens` events merged into the token file, `invalid_grant` → GPHOTOS_AUTH_REQUIRED.
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
  const client = new OAuth2Client({
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    endpoints: options.endpoints,
    transporterOptions: oauthTransporterOptions(options.fetch),
  });
  client.setCredentials({
    refresh_token: current.refresh_token ?? undefined,
    access_token: current.access_token ?? undefined,
    expiry_date: current.expiry_date ?? undefined,
    scope: current.scope,
  });
  let persisting: Promise<void> = Promise.resolve();
  client.on('tokens', (tokens) => {
    current = mergeTokens(current, tokens as StoredTokens);
    const snapshot = current;
    persisting = persisting.then(async () => {
      if (options.tokenFile) await writeTokenFile(options.tokenFile, snapshot);
      await options.onTokens?.(snapshot);
    });
  });
  return {
    async headers() {
      try {
        const headers = await client.getRequestHeaders();
        await persisting;
        return { authorization: headers.get('authorization') ?? '' };
      } catch (error) {
        throw authFailure(error, 'getting an access token');
      }
    },
    async refresh() {
      if (!client.credentials.refresh_token) {
        throw new Q2gError('GPHOTOS_AUTH_REQUIRED', 'The Google access token was rejected.', {
          hint: REAUTH_HINT,
        });
      }
      try {
        await client.refreshAccessToken();
        await persisting;
      } catch (error) {
        throw authFailure(error, 'refreshing the access token');
      }
    },
    grantedScopes: () => {
      const scope = client.credentials.scope ?? current.scope;
      return scope ? splitScopes(scope) : undefined;
    },
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
