/**
 * How failures reach the browser: one JSON shape `{ error: { code, message } }` for the API, a
 * short HTML page for pages. Messages are the user-facing text of a Q2gError, scrubbed of every
 * known secret; anything that is not a Q2gError is reported without its text.
 */
import { type ErrorCategory, errorCategory, isQ2gError, redactSecrets } from '@q2google/core';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ApiError } from '../shared/api-types.js';

/** The HTTP status of each error category (core's error table says which code is which). */
const STATUS_OF = {
  cancelled: 500,
  quota: 500,
  auth: 422,
  configuration: 400,
  'session-conflict': 409,
  'backend-setup': 500,
  'backend-unavailable': 503,
  'backend-locked': 423,
  'backend-failure': 500,
  'state-unreadable': 500,
  'state-invalid': 400,
  network: 503,
  remote: 500,
  internal: 500,
} as const satisfies Record<ErrorCategory, ContentfulStatusCode>;

/** The HTTP status of an error by its code. */
export function statusOf(error: unknown): ContentfulStatusCode {
  return isQ2gError(error) ? STATUS_OF[errorCategory(error.code)] : 500;
}

/** The JSON body of an error, with secrets scrubbed. */
export function errorBody(error: unknown, secrets: readonly string[]): ApiError {
  if (isQ2gError(error)) {
    return { error: { code: error.code, message: redactSecrets(error.userMessage, secrets) } };
  }
  return { error: { code: 'INTERNAL', message: 'Something went wrong in the web server.' } };
}

/** A JSON error response. */
export function jsonError(
  c: Context,
  status: ContentfulStatusCode,
  code: string,
  message: string,
): Response {
  return c.json({ error: { code, message } } satisfies ApiError, status);
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch,
  );

/** A small self-contained HTML page (used for errors and the OAuth callback). */
export function htmlPage(
  title: string,
  message: string,
  options: { link?: { href: string; label: string }; refreshTo?: string } = {},
): string {
  const refresh = options.refreshTo
    ? `<meta http-equiv="refresh" content="0;url=${escapeHtml(options.refreshTo)}">`
    : '';
  const link = options.link
    ? `<p><a href="${escapeHtml(options.link.href)}">${escapeHtml(options.link.label)}</a></p>`
    : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">${refresh}<title>${escapeHtml(title)} · q2google</title><style>body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#1f2933}h1{font-size:1.4rem}</style></head><body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>${link}</main></body></html>`;
}
