/**
 * The gallery's pictures: `GET /api/sessions/:id/thumbnails/:key` proxies a unit's thumbnail
 * (bounded, cacheable by this browser only; the page key is required like any API call).
 */
import type { SessionState } from '@q2google/core';
import { Hono } from 'hono';
import type { WebAppDeps, WebEnv } from '../app.js';
import { jsonError } from '../http-errors.js';
import { failure, findSession, noSuchSession } from './route-helpers.js';

const STATE_TTL_MS = 3000;

/** The gallery routes. */
export function galleryRoutes(deps: WebAppDeps) {
  const app = new Hono<WebEnv>();
  // A page of thumbnails asks for one session many times at once: load it once.
  const states = new Map<string, { at: number; state: Promise<SessionState | null> }>();
  const session = (id: string) => {
    const now = Date.now();
    const held = states.get(id);
    if (held && now - held.at < STATE_TTL_MS) return held.state;
    const state = findSession(deps, id);
    states.set(id, { at: now, state });
    state.catch(() => states.delete(id));
    if (states.size > 20) states.delete(states.keys().next().value!);
    return state;
  };

  app.get('/sessions/:id/thumbnails/:key', async (c) => {
    if (!deps.thumbnails) return jsonError(c, 404, 'NOT_FOUND', 'Thumbnails are not available.');
    try {
      const state = await session(c.req.param('id'));
      if (!state) return noSuchSession(c);
      const item = state.items[c.req.param('key')];
      if (!item) return jsonError(c, 404, 'NOT_FOUND', 'There is no such unit in this session.');
      const picture = await deps.thumbnails.get(item);
      if (!picture) return jsonError(c, 404, 'NOT_FOUND', 'This unit has no thumbnail.');
      return c.body(Buffer.from(picture.bytes), 200, {
        'Content-Type': picture.contentType,
        'Content-Length': String(picture.bytes.length),
        'Cache-Control': 'private, max-age=600',
      });
    } catch (error) {
      return failure(c, deps, error);
    }
  });

  return app;
}
