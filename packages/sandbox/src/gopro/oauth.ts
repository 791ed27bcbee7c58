import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, sendJson } from '../shared/http-server.js';
import type { GoProContext } from './context.js';

const SCOPE = 'root root:channels public me upload media_library_beta live';

/**
 * `POST /v1/oauth2/token` (spec §1.3): the password and refresh grants. Errors use the OAuth2
 * shape: `invalid_client` (401), `invalid_grant`, `token_blacklisted` (revoked refresh token)
 * and `two_factor_required` (2FA accounts), the last three with the configured status.
 */
export async function handleToken(
  ctx: GoProContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const form = new URLSearchParams((await readBody(req, 64 * 1024)).toString('utf8'));
  const { auth } = ctx.options;
  const fail = (status: number, error: string, description: string) =>
    sendJson(res, status, { error, error_description: description });
  if (form.get('client_id') !== ctx.clientId || form.get('client_secret') !== ctx.clientSecret) {
    return fail(401, 'invalid_client', 'Client authentication failed.');
  }
  const userId = ctx.library.ownerId;
  const grant = form.get('grant_type');
  let refreshToken: string | undefined;
  if (grant === 'password') {
    if (form.get('username') !== auth.email || form.get('password') !== auth.password) {
      return fail(auth.oauthErrorStatus, 'invalid_grant', 'Invalid username or password.');
    }
    if (auth.twoFactor && form.get('two_factor_code') !== auth.twoFactorCode) {
      return fail(auth.oauthErrorStatus, 'two_factor_required', 'two_factor code required.');
    }
    refreshToken = ctx.tokens.issue('refresh', userId, null);
  } else if (grant === 'refresh_token') {
    const given = form.get('refresh_token') ?? '';
    const { status } = ctx.tokens.check(given, 'refresh');
    if (status === 'revoked') {
      return fail(auth.oauthErrorStatus, 'token_blacklisted', 'The refresh token was revoked.');
    }
    if (status !== 'ok')
      return fail(auth.oauthErrorStatus, 'invalid_grant', 'Unknown refresh token.');
    if (!auth.refreshOmitsRefreshToken) {
      ctx.tokens.revoke(given);
      refreshToken = ctx.tokens.issue('refresh', userId, null);
    }
  } else {
    return fail(auth.oauthErrorStatus, 'unsupported_grant_type', 'Unsupported grant type.');
  }
  const body: Record<string, unknown> = {
    access_token: ctx.tokens.issue('access', userId, auth.accessTokenTtlSeconds),
    token_type: 'Bearer',
    expires_in: auth.accessTokenTtlSeconds,
    resource_owner_id: userId,
    scope: form.get('scope') ?? SCOPE,
    created_at: Math.floor(ctx.clock.now() / 1000),
  };
  if (refreshToken) body.refresh_token = refreshToken;
  sendJson(res, 200, body, { 'cache-control': 'no-store' });
}
