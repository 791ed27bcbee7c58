/** `GET /api/quota?session=`: Google requests today against the budget (see quota-view). */
import { Hono } from 'hono';
import type { WebAppDeps, WebEnv } from '../app.js';
import { jsonError } from '../http-errors.js';
import { quotaView } from '../quota/quota-view.js';
import { failure, findSession, noSuchSession, safeJson } from './route-helpers.js';

const UNSETTLED = new Set(['discovered', 'uploading', 'uploaded', 'creating', 'failed']);

/** The quota route. */
export function quotaRoutes(deps: WebAppDeps) {
  const app = new Hono<WebEnv>();

  app.get('/quota', async (c) => {
    if (!deps.quota) return jsonError(c, 404, 'NOT_FOUND', 'No quota count is kept.');
    try {
      const id = c.req.query('session');
      let remaining: number | null = null;
      if (id) {
        const state = await findSession(deps, id);
        if (!state) return noSuchSession(c);
        remaining = Object.values(state.items).filter((i) => UNSETTLED.has(i.status)).length;
      }
      const count = await deps.quota.today();
      return safeJson(c, deps, quotaView(count, deps.quota.kind, remaining, Date.now()));
    } catch (error) {
      return failure(c, deps, error);
    }
  });

  return app;
}
