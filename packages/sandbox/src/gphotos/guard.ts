import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FiredFault } from '../shared/faults.js';
import type { Grant } from './auth-store.js';
import type { EmulatorContext, GphotosRoute } from './context.js';
import { sendApiError, sendQuotaError, sendServerError } from './responses.js';
import { hasScope } from './scopes.js';

/** What a request that passed the guard carries on. */
export interface Admitted {
  grant: Grant;
  /** A fault the route handler itself must apply (drop, lost response, slow, …). */
  fault?: FiredFault;
}

const UNAUTHENTICATED =
  'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.';
const INSUFFICIENT_SCOPES = 'Request had insufficient authentication scopes.';

/** Counts a request on `route` (for the benchmarks' requests-per-unit). */
export function countRequest(ctx: EmulatorContext, route: GphotosRoute): void {
  ctx.counters.set(route, (ctx.counters.get(route) ?? 0) + 1);
}

/**
 * Common front door of every Library API route: request counter, generic injected faults,
 * bearer-token check, scope check, daily and per-minute quotas. Answers and returns undefined
 * when the request must stop here.
 */
export function admit(
  ctx: EmulatorContext,
  req: IncomingMessage,
  res: ServerResponse,
  route: GphotosRoute,
  scopes: readonly string[],
  options: { write?: boolean; uploadShape?: boolean } = {},
): Admitted | undefined {
  countRequest(ctx, route);
  const fault = ctx.faults.next(route);
  if (fault && applyCommonFault(ctx, req, res, fault, options.uploadShape ?? false)) return;
  const header = req.headers.authorization;
  const bearer = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
  const grant = ctx.auth.check(bearer);
  if (grant === 'invalid' || grant === 'expired') {
    drain(req);
    sendApiError(res, 401, UNAUTHENTICATED, {
      headers: { 'www-authenticate': 'Bearer realm="https://accounts.google.com/"' },
    });
    return;
  }
  if (!hasScope(grant.scopes, scopes)) {
    drain(req);
    sendApiError(res, 403, INSUFFICIENT_SCOPES, { reason: 'insufficientPermissions' });
    return;
  }
  const hit = ctx.quota.take(grant.user, options.write ?? false);
  if (hit) {
    drain(req);
    sendQuotaError(res, hit, ctx.options.projectNumber);
    return;
  }
  return fault ? { grant, fault } : { grant };
}

/** Faults any route understands. Returns true when the request was answered. */
export function applyCommonFault(
  ctx: EmulatorContext,
  req: IncomingMessage,
  res: ServerResponse,
  fault: FiredFault,
  uploadShape: boolean,
): boolean {
  const { kind, retryAfterSeconds } = fault.rule;
  const project = ctx.options.projectNumber;
  const http = /^http-(\d{3})$/.exec(kind);
  if (http) {
    drain(req);
    const status = Number(http[1]);
    if (status === 401) sendApiError(res, 401, UNAUTHENTICATED);
    else if (status === 403) sendApiError(res, 403, INSUFFICIENT_SCOPES);
    else if (status >= 500) sendServerError(res, status, !uploadShape || fault.count % 2 === 0);
    else sendApiError(res, status, `Injected ${status}.`);
    return true;
  }
  if (kind === 'quota-minute' || kind === 'quota-daily' || kind === 'concurrent-write') {
    drain(req);
    if (kind === 'quota-daily') ctx.quota.refuseDaily();
    const which =
      kind === 'quota-daily' ? 'daily' : kind === 'quota-minute' ? 'perMinute' : 'concurrent';
    sendQuotaError(res, which, project, retryAfterSeconds);
    return true;
  }
  if (kind === 'aborted') {
    drain(req);
    sendApiError(res, 409, 'The operation was aborted.');
    return true;
  }
  return false;
}

/** Lets a body we will not read flow into the void, so the answer reaches the client. */
export function drain(req: IncomingMessage): void {
  if (!req.complete) req.resume();
}
