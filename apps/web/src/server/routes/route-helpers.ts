/** Small helpers the API routes share: secret-scrubbed JSON, session lookup, error mapping. */
import {
  redactSecrets,
  SessionIdSchema,
  type SessionState,
  type SyncStateBackend,
} from '@q2google/core';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { WebAppDeps } from '../app.js';
import { errorBody, jsonError, statusOf } from '../http-errors.js';

/** A JSON response with every known secret scrubbed from it (a last line of defence). */
export function safeJson(
  c: Context,
  deps: Pick<WebAppDeps, 'connections'>,
  body: unknown,
  status: ContentfulStatusCode = 200,
): Response {
  const text = redactSecrets(JSON.stringify(body), deps.connections.secrets());
  return c.body(text, status, { 'Content-Type': 'application/json; charset=utf-8' });
}

/** The JSON response for a thrown error. */
export function failure(c: Context, deps: Pick<WebAppDeps, 'connections'>, error: unknown) {
  return safeJson(c, deps, errorBody(error, deps.connections.secrets()), statusOf(error));
}

/** The 404 of a session id that does not exist (or is not a valid id). */
export function noSuchSession(c: Context): Response {
  return jsonError(c, 404, 'SESSION_NOT_FOUND', 'There is no session with this id.');
}

/** Loads a session by id through the app's backend; null for a missing or malformed id. */
export async function findSession(
  deps: Pick<WebAppDeps, 'access'>,
  id: string,
): Promise<SessionState | null> {
  if (!SessionIdSchema.safeParse(id).success) return null;
  return deps.access.read((backend: SyncStateBackend) => backend.load(id), id);
}
