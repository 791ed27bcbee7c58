import type { ServerResponse } from 'node:http';
import { sendJson } from '../shared/http-server.js';

const STATUS_NAMES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ABORTED',
  413: 'INVALID_ARGUMENT',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  502: 'UNAVAILABLE',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

/** A JSON-API error in Google's `{"error":{code,message,status}}` shape. */
export function sendApiError(
  res: ServerResponse,
  httpStatus: number,
  message: string,
  extra: { headers?: Record<string, string>; reason?: string } = {},
): void {
  const error: Record<string, unknown> = {
    code: httpStatus,
    message,
    status: STATUS_NAMES[httpStatus] ?? 'UNKNOWN',
  };
  if (extra.reason) error.errors = [{ message, domain: 'global', reason: extra.reason }];
  sendJson(res, httpStatus, { error }, extra.headers);
}

/** An upload-endpoint error: a bare `google.rpc.Status` `{code,message}` (spec §3.3). */
export function sendBareStatus(
  res: ServerResponse,
  httpStatus: number,
  rpcCode: number,
  message: string,
): void {
  sendJson(res, httpStatus, { code: rpcCode, message });
}

/** A 5xx the way a front end sometimes sends it: HTML, not JSON. */
export function sendServerError(res: ServerResponse, httpStatus: number, json: boolean): void {
  if (json) {
    sendApiError(res, httpStatus, 'Internal error encountered.');
    return;
  }
  const body = `<html><body><h1>Error ${httpStatus}</h1></body></html>`;
  res.writeHead(httpStatus, { 'content-type': 'text/html', 'content-length': body.length });
  res.end(body);
}

/** Exact quota messages observed in the wild (spec §6.2). */
export const QUOTA_MESSAGES = {
  /** Google's message when the daily request quota is used up. */
  daily: (project: string) =>
    `Quota exceeded for quota metric 'All requests' and limit 'All requests per day' of service 'photoslibrary.googleapis.com' for consumer 'project_number:${project}'.`,
  /** Google's message when the per-minute request quota is used up. */
  perMinute: (project: string) =>
    `Quota exceeded for quota metric 'photoslibrary.googleapis.com/write_requests' and limit 'WritesPerMinutePerUser' of service 'photoslibrary.googleapis.com' for consumer 'project_number:${project}'.`,
  concurrent:
    "Quota exceeded for quota 'concurrent write request' of service 'photoslibrary.googleapis.com'.",
} as const;

/** A 429 of one of the three kinds, optionally with Retry-After. */
export function sendQuotaError(
  res: ServerResponse,
  kind: 'daily' | 'perMinute' | 'concurrent',
  project: string,
  retryAfterSeconds?: number,
): void {
  const message = kind === 'concurrent' ? QUOTA_MESSAGES.concurrent : QUOTA_MESSAGES[kind](project);
  const headers: Record<string, string> = {};
  if (retryAfterSeconds !== undefined) headers['retry-after'] = String(retryAfterSeconds);
  sendApiError(res, 429, message, {
    headers,
    reason: kind === 'daily' ? 'dailyLimitExceeded' : 'rateLimitExceeded',
  });
}

/** Drops the connection without an answer (the client sees a reset). */
export function dropConnection(res: ServerResponse): void {
  res.socket?.destroy();
  res.destroy();
}
