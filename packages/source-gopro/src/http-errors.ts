import { isQ2gError, parseRetryAfter, Q2gError } from '@q2google/core';
import type { z } from 'zod';

const RETRYABLE = new Set([408, 429, 500, 502, 503, 504]);

/** The Q2gError for an unexpected HTTP status from GoPro (API or CDN). */
export function httpStatusError(
  status: number,
  what: string,
  headers?: Pick<Headers, 'get'>,
): Q2gError {
  const retryAfterMs = parseRetryAfter(headers?.get('retry-after'));
  if (status === 404) return new Q2gError('GOPRO_NOT_FOUND', `${what}: not found (404).`);
  return new Q2gError('GOPRO_HTTP', `${what}: HTTP ${status}.`, {
    retryable: RETRYABLE.has(status),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    details: { status },
  });
}

/** The Q2gError for a network failure (connection refused, reset, body cut short). */
export function networkError(what: string, cause: unknown): Q2gError {
  if (isQ2gError(cause)) return cause;
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new Q2gError('GOPRO_NETWORK', `${what}: network error (${reason}).`, {
    retryable: true,
    cause,
  });
}

/** GOPRO_BAD_RESPONSE naming the first field that failed validation. */
export function badResponse(what: string, error: z.ZodError): Q2gError {
  const issue = error.issues[0];
  const field = issue?.path.length ? issue.path.join('.') : '(body)';
  return new Q2gError(
    'GOPRO_BAD_RESPONSE',
    `${what}: unexpected response, field "${field}" ${issue?.message ?? 'is invalid'}.`,
    { details: { field } },
  );
}

/** Parses JSON text, mapping a syntax error to a retryable GOPRO_BAD_RESPONSE. */
export function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new Q2gError('GOPRO_BAD_RESPONSE', `${what}: the body is not JSON.`, {
      retryable: true,
      cause,
    });
  }
}
