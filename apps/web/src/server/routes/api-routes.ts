/**
 * Read-only API: who am I (the CSRF token), the state backend, the sessions list, one session,
 * its units and its event log.
 */
import { isQ2gError, resolveCapabilities, type SessionSummary } from '@q2google/core';
import { Hono } from 'hono';
import {
  type BackendStatus,
  type MeResponse,
  type SessionRow,
  UnitQuerySchema,
} from '../../shared/api-types.js';
import type { WebAppDeps, WebEnv } from '../app.js';
import { jsonError } from '../http-errors.js';
import {
  filterUnits,
  rowFromSummary,
  sessionBytes,
  sessionDetail,
  summaryOf,
} from '../session-views.js';
import { failure, findSession, noSuchSession, safeJson } from './route-helpers.js';

/** How many sessions of the list get their bytes loaded. */
const BYTES_FOR_NEWEST = 50;

/** The read-only API routes. */
export function apiRoutes(deps: WebAppDeps) {
  const app = new Hono<WebEnv>();
  const bytesCache = new Map<
    string,
    { updatedAt: string; bytes: ReturnType<typeof sessionBytes> }
  >();

  app.get('/me', (c) =>
    safeJson(c, deps, {
      csrfToken: c.get('session').csrfToken,
      demo: deps.demo ?? null,
    } satisfies MeResponse),
  );

  app.get('/backend', async (c) => {
    const status: BackendStatus = {
      name: 'unknown',
      uri: deps.access.displayUri,
      reachable: false,
      listsSessions: false,
    };
    try {
      await deps.access.read(async (backend) => {
        status.name = backend.name ?? 'custom';
        status.listsSessions = resolveCapabilities(backend).listSessions;
        if (status.listsSessions) await backend.listSessions!();
        else await backend.load('q2google-web-probe');
      });
      status.reachable = true;
    } catch (error) {
      status.problem = isQ2gError(error) ? error.userMessage : 'The backend could not be reached.';
    }
    return safeJson(c, deps, status);
  });

  app.get('/sessions', async (c) => {
    try {
      const summaries = await listSummaries();
      const rows: SessionRow[] = [];
      for (const [index, summary] of summaries.entries()) {
        let bytes = bytesCache.get(summary.id);
        if (bytes?.updatedAt !== summary.updatedAt && index < BYTES_FOR_NEWEST) {
          const state = await findSession(deps, summary.id).catch(() => null);
          bytes = state ? { updatedAt: summary.updatedAt, bytes: sessionBytes(state) } : undefined;
          if (bytes) bytesCache.set(summary.id, bytes);
        }
        rows.push(rowFromSummary(summary, deps.runs.stateOf(summary.id), bytes?.bytes ?? null));
      }
      return safeJson(c, deps, { sessions: rows });
    } catch (error) {
      return failure(c, deps, error);
    }
  });

  /** Sessions from the backend's listing, or those this server ran when it cannot list. */
  async function listSummaries(): Promise<SessionSummary[]> {
    const listed = await deps.access.read(async (backend) =>
      resolveCapabilities(backend).listSessions ? backend.listSessions!() : null,
    );
    if (listed) return listed;
    const known: SessionSummary[] = [];
    for (const run of deps.runs.all()) {
      const state = await findSession(deps, run.sessionId).catch(() => null);
      if (state) known.push(summaryOf(state));
    }
    return known.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  }

  app.get('/sessions/:id', async (c) => {
    const id = c.req.param('id');
    try {
      const state = await findSession(deps, id);
      if (!state) return noSuchSession(c);
      return safeJson(c, deps, sessionDetail(state, deps.runs.stateOf(id), deps.runs.progress(id)));
    } catch (error) {
      return failure(c, deps, error);
    }
  });

  app.get('/sessions/:id/units', async (c) => {
    const query = UnitQuerySchema.safeParse(c.req.query());
    if (!query.success) return jsonError(c, 400, 'CONFIG_INVALID', 'Bad unit filter.');
    try {
      const state = await findSession(deps, c.req.param('id'));
      if (!state) return noSuchSession(c);
      return safeJson(c, deps, filterUnits(state, query.data));
    } catch (error) {
      return failure(c, deps, error);
    }
  });

  app.get('/sessions/:id/events', async (c) => {
    const id = c.req.param('id');
    try {
      const state = await findSession(deps, id);
      if (!state) return noSuchSession(c);
      return safeJson(c, deps, { events: await deps.log.read(id) });
    } catch (error) {
      return failure(c, deps, error);
    }
  });

  return app;
}
