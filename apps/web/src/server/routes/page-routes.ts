/**
 * Pages: the access-token exchange and the OAuth callback (the only routes without a session),
 * the browser client's HTML and assets, and clean error pages (an unknown session id is a 404).
 */
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { isQ2gError, redactSecrets } from '@q2google/core';
import { type Context, Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import type { WebAppDeps, WebEnv } from '../app.js';
import { htmlPage } from '../http-errors.js';
import { landingUrl, OAUTH_COOKIE, sessionCookie } from '../security/access-gate.js';
import { findSession } from './route-helpers.js';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
};

/** The routes reachable without a session: the token exchange and the OAuth callback. */
export function publicRoutes(deps: WebAppDeps) {
  const app = new Hono<WebEnv>();

  app.get('/auth', (c) => {
    const session = deps.gate.exchange(c.req.query('token'));
    if (!session) {
      return c.html(
        htmlPage(
          'This access link does not work',
          'It is wrong or was already used. Each launch of q2google-web prints a new link that works once; restart it for a fresh one.',
        ),
        403,
      );
    }
    c.header('Set-Cookie', sessionCookie(session));
    return c.redirect(landingUrl(session), 303);
  });

  app.get('/oauth/google/callback', async (c) => {
    const query = new URL(c.req.url).searchParams;
    c.header(
      'Set-Cookie',
      `${OAUTH_COOKIE}=; HttpOnly; SameSite=Lax; Path=/oauth/google/callback; Max-Age=0`,
    );
    if (!deps.gate.takeOAuthState(query.get('state') ?? '', getCookie(c, OAUTH_COOKIE))) {
      return c.html(
        htmlPage(
          'Google Photos was not connected',
          'The authorisation response did not match a request started in this browser session (or it expired).',
          { link: { href: '/accounts', label: 'Back to the dashboard' } },
        ),
        400,
      );
    }
    try {
      await deps.connections.googleCallback(query);
      // A page, not a redirect: the cookie is SameSite=Strict, so the next request must start
      // from this site for the browser to send it.
      return c.html(
        htmlPage('Google Photos is connected', 'Taking you back to the dashboard…', {
          refreshTo: '/accounts',
          link: { href: '/accounts', label: 'Back to the dashboard' },
        }),
      );
    } catch (error) {
      const message = isQ2gError(error)
        ? redactSecrets(error.userMessage, deps.connections.secrets())
        : 'The authorisation could not be completed.';
      return c.html(
        htmlPage('Google Photos was not connected', message, {
          link: { href: '/accounts', label: 'Back to the dashboard' },
        }),
        400,
      );
    }
  });

  return app;
}

/** The client's pages and assets (behind the session check). */
export function pageRoutes(deps: WebAppDeps) {
  const app = new Hono<WebEnv>();
  const dir = deps.clientDir;

  const index = async () => {
    if (!dir) return null;
    return readFile(join(dir, 'index.html'), 'utf8').catch(() => null);
  };
  const page = async (c: Context<WebEnv>) => {
    const html = await index();
    if (html === null) {
      return c.html(
        htmlPage('The dashboard is not built', 'Run `pnpm --filter @q2google/web build` first.'),
        503,
      );
    }
    return c.html(html);
  };

  for (const path of ['/', '/accounts', '/new']) app.get(path, page);

  app.get('/sessions/:id', async (c) => {
    const state = await findSession(deps, c.req.param('id')).catch(() => null);
    if (!state) {
      return c.html(
        htmlPage('No such session', 'There is no session with this id.', {
          link: { href: '/', label: 'All sessions' },
        }),
        404,
      );
    }
    return page(c);
  });

  app.get('/assets/*', async (c) => {
    if (!dir) return c.notFound();
    const relative = normalize(c.req.path).replace(/^\/+/, '');
    if (!relative.startsWith('assets/') || relative.includes('..')) return c.notFound();
    const body = await readFile(join(dir, relative)).catch(() => null);
    if (!body) return c.notFound();
    c.header('Cache-Control', 'private, max-age=31536000, immutable');
    return c.body(body, 200, {
      'Content-Type': TYPES[extname(relative)] ?? 'application/octet-stream',
    });
  });

  app.notFound((c) =>
    c.html(
      htmlPage('Not found', 'There is nothing at this address.', {
        link: { href: '/', label: 'All sessions' },
      }),
      404,
    ),
  );
  return app;
}
