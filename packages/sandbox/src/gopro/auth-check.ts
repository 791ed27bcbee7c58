import type { IncomingMessage } from 'node:http';
import type { GoProContext } from './context.js';

/** The authenticated caller, or the response to send instead. */
export type AuthOutcome =
  | { ok: true; userId: string }
  | { ok: false; status: number; body: Record<string, string> };

const ALLOWED_ORIGIN = 'https://plus.gopro.com';

/** The cookies of a request as a map. */
export function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) out.set(part.slice(0, eq).trim(), decodeURIComponent(part.slice(eq + 1).trim()));
  }
  return out;
}

const denied = (description: string): AuthOutcome => ({
  ok: false,
  status: 401,
  body: { error: 'invalid_request', error_description: description },
});

/**
 * The one auth check of every API route (spec §5): a Bearer header, the `gp_access_token`
 * cookie, or (when `allowQuery`, i.e. the zip route) the `access_token` query parameter,
 * plus the optional strict modes of the live options.
 */
export function authenticate(
  ctx: GoProContext,
  req: IncomingMessage,
  url: URL,
  allowQuery = false,
): AuthOutcome {
  const { auth } = ctx.options;
  if (auth.rejectWrongOrigin) {
    const origin = req.headers.origin ?? req.headers.referer;
    if (origin && !String(origin).startsWith(ALLOWED_ORIGIN)) {
      return { ok: false, status: 500, body: { error: 'internal_server_error' } };
    }
  }
  const cookies = parseCookies(req.headers.cookie);
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  const cookie = cookies.get('gp_access_token');
  const query = allowQuery ? url.searchParams.get('access_token') : null;
  const token = bearer ?? cookie ?? query ?? undefined;
  if (!token) return denied('no access token');
  if (auth.requireCookie && !cookie && !query)
    return denied('the gp_access_token cookie is required');
  const { status, record } = ctx.tokens.check(token, 'access');
  if (status !== 'ok' || !record) return denied(`access token ${status}`);
  if (auth.requireUserIdCookie && cookies.get('gp_user_id') !== record.userId) {
    return denied('gp_user_id does not match the token');
  }
  return { ok: true, userId: record.userId };
}
