/**
 * Accounts: which are connected, Google's OAuth flow (through this server's own callback),
 * GoPro login or token paste (each checked against GoPro before it is kept), a check of saved
 * credentials, and sign-out. Credentials stay on the server; responses carry none.
 */
import { Hono } from 'hono';
import { GoProLoginBodySchema, GoProTokenBodySchema } from '../../shared/api-types.js';
import type { WebAppDeps, WebEnv } from '../app.js';
import { jsonError } from '../http-errors.js';
import { oauthCookie } from '../security/access-gate.js';
import { failure, safeJson } from './route-helpers.js';

const isAccount = (name: string): name is 'google' | 'gopro' =>
  name === 'google' || name === 'gopro';

/** The account routes. */
export function accountRoutes(deps: WebAppDeps) {
  const app = new Hono<WebEnv>();
  const { connections } = deps;

  app.get('/accounts', async (c) => {
    try {
      return safeJson(c, deps, await connections.status());
    } catch (error) {
      return failure(c, deps, error);
    }
  });

  app.post('/accounts/google/start', async (c) => {
    const redirectUri = `http://${new URL(c.req.url).host}/oauth/google/callback`;
    try {
      const started = await connections.googleStart(redirectUri);
      // The state is bound to this browser session: the callback needs the cookie set here.
      const state = new URL(started.authUrl).searchParams.get('state') ?? '';
      c.header('Set-Cookie', oauthCookie(deps.gate.bindOAuthState(c.get('session'), state)));
      return safeJson(c, deps, started);
    } catch (error) {
      return failure(c, deps, error);
    }
  });

  app.post('/accounts/gopro/login', async (c) => {
    const body = GoProLoginBodySchema.safeParse(await c.req.json().catch(() => null));
    if (!body.success) return jsonError(c, 400, 'CONFIG_INVALID', 'Give an e-mail and a password.');
    try {
      await connections.goproLogin(body.data);
      return safeJson(c, deps, await connections.status());
    } catch (error) {
      return failure(c, deps, error);
    }
  });

  app.post('/accounts/gopro/token', async (c) => {
    const body = GoProTokenBodySchema.safeParse(await c.req.json().catch(() => null));
    if (!body.success)
      return jsonError(c, 400, 'CONFIG_INVALID', 'Paste the gp_access_token value.');
    try {
      await connections.goproToken(body.data);
      return safeJson(c, deps, await connections.status());
    } catch (error) {
      return failure(c, deps, error);
    }
  });

  app.post('/accounts/:account/verify', async (c) => {
    const account = c.req.param('account');
    if (!isAccount(account)) return jsonError(c, 404, 'NOT_FOUND', 'There is no such account.');
    try {
      return safeJson(c, deps, await connections.verify(account));
    } catch (error) {
      return failure(c, deps, error);
    }
  });

  app.delete('/accounts/:account', async (c) => {
    const account = c.req.param('account');
    if (!isAccount(account)) return jsonError(c, 404, 'NOT_FOUND', 'There is no such account.');
    try {
      await connections.signOut(account);
      return safeJson(c, deps, await connections.status());
    } catch (error) {
      return failure(c, deps, error);
    }
  });

  return app;
}
