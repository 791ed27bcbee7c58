import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, sendJson } from '../shared/http-server.js';
import type { EmulatorContext } from './context.js';
import { countRequest } from './guard.js';

/** The single user every grant belongs to unless a test asks for another. */
export const DEFAULT_USER = 'user-1';

/**
 * `GET /o/oauth2/v2/auth`: a consent screen that decides at once (per `options.consent`) and
 * redirects back to the loopback `redirect_uri` with `code` and `state`, or `error`.
 */
export function handleAuthorize(ctx: EmulatorContext, res: ServerResponse, url: URL): void {
  countRequest(ctx, 'gphotos.auth');
  const params = url.searchParams;
  const redirectUri = params.get('redirect_uri') ?? '';
  const state = params.get('state');
  let target: URL;
  try {
    target = new URL(redirectUri);
  } catch {
    sendJson(res, 400, { error: 'invalid_request', error_description: 'redirect_uri' });
    return;
  }
  if (params.get('response_type') !== 'code' || !params.get('client_id')) {
    sendJson(res, 400, { error: 'invalid_request' });
    return;
  }
  if (state) target.searchParams.set('state', state);
  if (ctx.options.consent === 'deny') {
    target.searchParams.set('error', 'access_denied');
  } else {
    const requested = (params.get('scope') ?? '').split(/\s+/).filter(Boolean);
    const code = ctx.auth.issueCode({
      user: DEFAULT_USER,
      clientId: params.get('client_id') ?? '',
      scopes: ctx.options.grantedScopes ?? requested,
      redirectUri,
      codeChallenge: params.get('code_challenge') ?? undefined,
      codeChallengeMethod: params.get('code_challenge_method') ?? undefined,
    });
    target.searchParams.set('code', code);
    target.searchParams.set('scope', (ctx.options.grantedScopes ?? requested).join(' '));
  }
  res.writeHead(302, { location: target.toString(), 'content-length': 0 });
  res.end();
}

/** `POST /token`: `authorization_code` (with PKCE) and `refresh_token` grants. */
export async function handleToken(
  ctx: EmulatorContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  countRequest(ctx, 'gphotos.token');
  const form = new URLSearchParams((await readBody(req)).toString('utf8'));
  const fault = ctx.faults.next('gphotos.token');
  if (fault?.rule.kind === 'invalid-grant') return invalidGrant(res);
  const status = fault && /^http-(\d{3})$/.exec(fault.rule.kind)?.[1];
  if (status) return sendJson(res, Number(status), { error: 'internal_failure' });
  const { clientId, clientSecret } = clientCredentials(req, form);
  const expected = ctx.options;
  if (
    (expected.clientId && expected.clientId !== clientId) ||
    (expected.clientSecret && expected.clientSecret !== clientSecret)
  ) {
    return sendJson(res, 401, { error: 'invalid_client', error_description: 'Unauthorized' });
  }
  const grantType = form.get('grant_type');
  if (grantType === 'authorization_code') {
    const grant = ctx.auth.redeemCode(
      form.get('code') ?? '',
      form.get('redirect_uri') ?? '',
      form.get('code_verifier') ?? undefined,
    );
    if (!grant || grant.clientId !== clientId) return invalidGrant(res, 'Bad Request');
    return sendJson(res, 200, {
      access_token: ctx.auth.issueAccessToken(grant),
      expires_in: ctx.options.accessTokenTtlSeconds,
      refresh_token: ctx.auth.issueRefreshToken(grant),
      scope: grant.scopes.join(' '),
      token_type: 'Bearer',
    });
  }
  if (grantType === 'refresh_token') {
    const grant = ctx.auth.refreshGrant(form.get('refresh_token') ?? '');
    if (!grant || (grant.clientId && clientId && grant.clientId !== clientId)) {
      return invalidGrant(res);
    }
    return sendJson(res, 200, {
      access_token: ctx.auth.issueAccessToken(grant),
      expires_in: ctx.options.accessTokenTtlSeconds,
      scope: grant.scopes.join(' '),
      token_type: 'Bearer',
    });
  }
  sendJson(res, 400, { error: 'unsupported_grant_type' });
}

function invalidGrant(res: ServerResponse, description = 'Token has been expired or revoked.') {
  sendJson(res, 400, { error: 'invalid_grant', error_description: description });
}

function clientCredentials(req: IncomingMessage, form: URLSearchParams) {
  const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  if (basic) {
    const [id = '', secret = ''] = Buffer.from(basic, 'base64').toString('utf8').split(':');
    return { clientId: decodeURIComponent(id), clientSecret: decodeURIComponent(secret) };
  }
  return {
    clientId: form.get('client_id') ?? '',
    clientSecret: form.get('client_secret') ?? '',
  };
}
