/**
 * Runs from the browser: start a new session, resume one, retry its failed units, cancel a run.
 * Each answers 202 with the run's progress once the clients are built; the run continues in the
 * background and its progress arrives on the event stream.
 */
import { randomBytes } from 'node:crypto';
import type { SyncRequest } from '@q2google/core/engine';
import { Hono } from 'hono';
import { StartSyncBodySchema } from '../../shared/api-types.js';
import type { WebAppDeps, WebEnv } from '../app.js';
import { jsonError } from '../http-errors.js';
import { syncPreviewOf } from '../quota/sync-preview.js';
import { failure, findSession, noSuchSession, safeJson } from './route-helpers.js';

/** A fresh session id: `web-20250714-091233-ab12`. */
export function newSessionId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `web-${stamp}-${randomBytes(2).toString('hex')}`;
}

/** A whole day (`2025-07-14`) as the first or last instant of that UTC day; instants as given. */
export function toInstant(value: string, end: 'from' | 'to'): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(value).toISOString();
  return end === 'from' ? `${value}T00:00:00.000Z` : `${value}T23:59:59.999Z`;
}

/** The run routes. */
export function runRoutes(deps: WebAppDeps) {
  const app = new Hono<WebEnv>();

  const start = async (c: Parameters<typeof failure>[0], request: SyncRequest) => {
    try {
      const run = await deps.runs.start(request);
      return safeJson(c, deps, { sessionId: request.sessionId, run }, 202);
    } catch (error) {
      return failure(c, deps, error);
    }
  };

  /** Runs discovery only and answers with the preview and the quota plan. */
  const preview = async (c: Parameters<typeof failure>[0], request: SyncRequest) => {
    try {
      await deps.runs.start({ ...request, dryRun: true });
      const ended = await deps.runs.finished(request.sessionId);
      const state = await findSession(deps, request.sessionId);
      if (!state || ended?.state !== 'finished') {
        const why = ended?.message ?? 'The preview did not finish.';
        return jsonError(c, 502, 'SYNC_PREVIEW_FAILED', why);
      }
      // The requests already spent today (the gauge's count) shorten the plan's first day.
      const today = await deps.quota?.today().catch(() => undefined);
      return safeJson(c, deps, syncPreviewOf(state, deps.sinkLimits, new Date(), today?.requests));
    } catch (error) {
      return failure(c, deps, error);
    }
  };

  app.post('/syncs', async (c) => {
    const body = StartSyncBodySchema.safeParse(await c.req.json().catch(() => null));
    if (!body.success) {
      return jsonError(c, 400, 'CONFIG_INVALID', 'Give a start and an end date (YYYY-MM-DD).');
    }
    const { from, to, album, mediaTypes } = body.data;
    const range = { from: toInstant(from, 'from'), to: toInstant(to, 'to') };
    if (Date.parse(range.from) > Date.parse(range.to)) {
      return jsonError(c, 400, 'CONFIG_INVALID', 'The start date is after the end date.');
    }
    const sessionId = body.data.sessionId ?? newSessionId();
    try {
      if (await findSession(deps, sessionId)) {
        return jsonError(c, 409, 'SYNC_SESSION_MISMATCH', `Session "${sessionId}" already exists.`);
      }
    } catch (error) {
      return failure(c, deps, error);
    }
    const request: SyncRequest = {
      sessionId,
      range,
      album: album ? album : null,
      ...(mediaTypes?.length ? { mediaTypes } : {}),
    };
    return body.data.dryRun ? preview(c, request) : start(c, request);
  });

  for (const action of ['resume', 'retry'] as const) {
    app.post(`/sessions/:id/${action}`, async (c) => {
      const sessionId = c.req.param('id');
      try {
        if (!(await findSession(deps, sessionId))) return noSuchSession(c);
      } catch (error) {
        return failure(c, deps, error);
      }
      return start(c, { sessionId, retryFailed: action === 'retry' });
    });
  }

  app.post('/sessions/:id/cancel', async (c) => {
    const sessionId = c.req.param('id');
    if (deps.runs.cancel(sessionId)) return safeJson(c, deps, { cancelling: true }, 202);
    try {
      if (!(await findSession(deps, sessionId))) return noSuchSession(c);
    } catch (error) {
      return failure(c, deps, error);
    }
    return jsonError(c, 409, 'NOT_RUNNING', 'This session is not running in this server.');
  });

  return app;
}
