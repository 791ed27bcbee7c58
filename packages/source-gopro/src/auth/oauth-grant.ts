import { Q2gError } from '@q2google/core';
import { badResponse, networkError, parseJson } from '../http-errors.js';
import { OAuthErrorSchema, type TokenResponse, TokenResponseSchema } from '../schemas.js';

/** Everything a token-endpoint call needs. */
export interface OAuthClientConfig {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  fetch: typeof fetch;
}

/** The grant to request. */
export type OAuthGrant =
  | {
      grant_type: 'password';
      username: string;
      password: string;
      scope: string;
      two_factor_code?: string;
    }
  | { grant_type: 'refresh_token'; refresh_token: string };

/**
 * POSTs one grant to `/v1/oauth2/token`. Errors: GOPRO_AUTH_FAILED for invalid_client,
 * a bad password or a required two-factor code; GOPRO_AUTH_EXPIRED for a revoked
 * (`token_blacklisted`) or unknown refresh token; GOPRO_HTTP/GOPRO_NETWORK (retryable) otherwise.
 */
export async function requestToken(
  config: OAuthClientConfig,
  grant: OAuthGrant,
  signal?: AbortSignal,
): Promise<TokenResponse> {
  const body = new URLSearchParams({
    client_id: config.clientId,
    client_secret: config.clientSecret,
    ...Object.fromEntries(Object.entries(grant).filter(([, v]) => v !== undefined)),
  });
  const what = 'GoPro login';
  let status: number;
  let text: string;
  try {
    const res = await config.fetch(`${config.baseUrl}/v1/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body,
      ...(signal ? { signal } : {}),
    });
    status = res.status;
    text = await res.text();
  } catch (error) {
    throw networkError(what, error);
  }
  if (status >= 500 || status === 429) {
    throw new Q2gError('GOPRO_HTTP', `${what}: HTTP ${status}.`, { retryable: true });
  }
  const json = parseJson(text, what);
  if (status === 200) {
    const parsed = TokenResponseSchema.safeParse(json);
    if (!parsed.success) throw badResponse(what, parsed.error);
    return parsed.data;
  }
  const error = OAuthErrorSchema.safeParse(json).data ?? {};
  const code = `${error.error ?? ''} ${error.error_description ?? ''}`.toLowerCase();
  if (code.includes('invalid_client')) {
    throw new Q2gError(
      'GOPRO_AUTH_FAILED',
      `${what}: GoPro refused the OAuth client (invalid_client).`,
      {
        hint: 'GoPro may have rotated the web app client id/secret; update clientId and clientSecret.',
      },
    );
  }
  if (code.includes('two_factor')) {
    throw new Q2gError('GOPRO_AUTH_FAILED', `${what}: the account requires a two-factor code.`, {
      hint: 'Pass the current two-factor code, or paste a gp_access_token from a browser login instead.',
    });
  }
  if (grant.grant_type === 'refresh_token') {
    throw new Q2gError(
      'GOPRO_AUTH_EXPIRED',
      `${what}: the refresh token was refused (${error.error ?? status}).`,
      {
        hint: 'Log in again with your email and password.',
      },
    );
  }
  throw new Q2gError(
    'GOPRO_AUTH_FAILED',
    `${what}: GoPro refused the login (${error.error ?? status}).`,
    {
      hint: 'Check the email and password; accounts with captchas or 2FA may need a pasted gp_access_token.',
    },
  );
}
