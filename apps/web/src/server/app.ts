/**
 * The web app: a Hono application over the packages. Every response carries strict security
 * headers; every request must name this server as its host (no DNS rebinding); everything but
 * the access-token exchange and the OAuth callback needs the session cookie, API requests (the
 * event stream too) also the page key, and writes also a same-origin request and the CSRF token.
 */
import type { SinkLimits } from '@q2google/core';
import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Connections } from './accounts/connections.js';
import type { BackendAccess } from './backend-access.js';
import type { ThumbnailService } from './gallery/thumbnail-service.js';
import { htmlPage, jsonError } from './http-errors.js';
import type { RequestCountSource } from './quota/quota-view.js';
import { accountRoutes } from './routes/account-routes.js';
import { apiRoutes } from './routes/api-routes.js';
import { galleryRoutes } from './routes/gallery-routes.js';
import { pageRoutes, publicRoutes } from './routes/page-routes.js';
import { quotaRoutes } from './routes/quota-routes.js';
import { runRoutes } from './routes/run-routes.js';
import { streamRoutes } from './routes/stream-routes.js';
import type { EventLog } from './runs/event-log.js';
import type { RunManager } from './runs/run-manager.js';
import {
  type AccessGate,
  type BrowserSession,
  CSRF_HEADER,
  PAGE_KEY_HEADER,
  SESSION_COOKIE,
} from './security/access-gate.js';
import { limitBodies } from './security/body-limit.js';

/** Everything the routes use. */
export interface WebAppDeps {
  gate: AccessGate;
  access: BackendAccess;
  connections: Connections;
  runs: RunManager;
  log: EventLog;
  /** Hosts (`127.0.0.1:8787`) this server answers to; read per request (the port comes late). */
  hosts: () => readonly string[];
  /** Folder of the built browser client (index.html, assets/). */
  clientDir?: string;
  /** In demo mode: the sandbox library's range, to prefill the form. */
  demo?: { from: string; to: string } | null;
  /** The gallery's thumbnails (none: the gallery shows file names only). */
  thumbnails?: ThumbnailService;
  /** Today's Google request count for the quota gauge. */
  quota?: RequestCountSource;
  /** The sink's declared limits (its request costs), for the quota plan of a new sync. */
  sinkLimits?: SinkLimits;
}

/** Per-request values the middleware sets. */
export type WebEnv = { Variables: { session: BrowserSession } };

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

/** Builds the Hono app. */
export function createWebApp(deps: WebAppDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();

  app.use('*', async (c, next) => {
    await next();
    c.header('Content-Security-Policy', CSP);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('X-Frame-Options', 'DENY');
    c.header('Cross-Origin-Opener-Policy', 'same-origin');
    c.header('Cross-Origin-Resource-Policy', 'same-origin');
    if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
  });

  app.use('*', async (c, next) => {
    const host = new URL(c.req.url).host;
    if (!deps.hosts().includes(host)) {
      return c.text('This server only answers to its own address.', 421);
    }
    return next();
  });

  app.route('/', publicRoutes(deps));

  app.use('*', async (c, next) => {
    const isApi = c.req.path.startsWith('/api/');
    const cookie = getCookie(c, SESSION_COOKIE);
    const session = isApi
      ? deps.gate.apiSession(cookie, c.req.header(PAGE_KEY_HEADER))
      : deps.gate.session(cookie);
    if (!session) {
      if (isApi) {
        return jsonError(c, 401, 'UNAUTHENTICATED', 'Open the URL the server printed at launch.');
      }
      return c.html(
        htmlPage(
          'Access token needed',
          'Open the dashboard with the URL q2google-web printed when it started (it holds a one-time access token). Restart it for a new one.',
        ),
        401,
      );
    }
    c.set('session', session);
    if (['GET', 'HEAD', 'OPTIONS'].includes(c.req.method)) return next();
    const ownOrigins = deps.hosts().map((h) => `http://${h}`);
    const refusal = deps.gate.checkWrite(
      session,
      {
        origin: c.req.header('origin'),
        fetchSite: c.req.header('sec-fetch-site'),
        csrf: c.req.header(CSRF_HEADER),
      },
      ownOrigins,
    );
    if (refusal === 'cross-origin') {
      return jsonError(c, 403, 'CROSS_ORIGIN', 'Requests from other sites are refused.');
    }
    if (refusal) {
      return jsonError(c, 403, 'CSRF', 'The request lacks a valid CSRF token; reload the page.');
    }
    return next();
  });

  app.use('/api/*', limitBodies());
  app.route('/api', apiRoutes(deps));
  app.route('/api', runRoutes(deps));
  app.route('/api', accountRoutes(deps));
  app.route('/api', streamRoutes(deps));
  app.route('/api', galleryRoutes(deps));
  app.route('/api', quotaRoutes(deps));
  app.all('/api/*', (c) => jsonError(c, 404, 'NOT_FOUND', 'There is no such API route.'));
  app.route('/', pageRoutes(deps));
  return app;
}
