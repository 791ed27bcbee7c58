import { parseRetryAfter, Q2gError } from '@q2google/core';
import type { HttpResponse } from '../http/transport.js';
import { parseErrorBody } from './error-body.js';
import { nextPacificMidnight } from './pacific-midnight.js';

/** The command that fixes missing or dead credentials. */
export const REAUTH_HINT = 'Run `q2google auth google` to authorise q2google again.';

/** Knobs for turning responses into errors. */
export interface ClassifyOptions {
  /** What was being done, for the message (e.g. `batchCreate`). */
  operation: string;
  now?: () => number;
  /** Shortest wait after a per-minute 429 (Google asks for at least 30 s). */
  rateLimitFloorMs?: number;
}

const DAILY = /per ?day/i;
const SCOPES = /insufficient authentication scopes/i;

/** True when a 429 message names a daily quota (`All requests per day`, `…PerDay`). */
export function isDailyQuotaMessage(message: string): boolean {
  return DAILY.test(message);
}

/** Turns a non-2xx response into the matching typed error (spec §6.4). */
export function errorFromResponse(response: HttpResponse, options: ClassifyOptions): Q2gError {
  const now = options.now ?? Date.now;
  const body = parseErrorBody(response.text);
  const http = response.status;
  const label = body.status ? `HTTP ${http} ${body.status}` : `HTTP ${http}`;
  const text = `Google Photos ${options.operation} failed (${label}): ${body.message}`;
  const details = { httpStatus: http, status: body.status, reason: body.reason };
  if (http === 401) {
    return new Q2gError('GPHOTOS_AUTH_REQUIRED', text, { hint: REAUTH_HINT, details });
  }
  if (http === 403 && (SCOPES.test(body.message) || body.reason === 'insufficientPermissions')) {
    return new Q2gError('GPHOTOS_SCOPE_MISSING', text, { hint: REAUTH_HINT, details });
  }
  if (http === 413) return new Q2gError('GPHOTOS_FILE_TOO_LARGE', text, { details });
  if (http === 429) {
    if (isDailyQuotaMessage(body.message)) {
      const resumeAt = nextPacificMidnight(now()).toISOString();
      return new Q2gError('GPHOTOS_QUOTA_EXHAUSTED', text, {
        hint: `Google's daily request quota is used up; run again after ${resumeAt} (midnight Pacific time).`,
        details: { ...details, resumeAt },
      });
    }
    const retryAfter = parseRetryAfter(headerText(response, 'retry-after'), now()) ?? 0;
    return new Q2gError('GPHOTOS_RATE_LIMITED', text, {
      retryable: true,
      retryAfterMs: Math.max(options.rateLimitFloorMs ?? 30_000, retryAfter),
      details,
    });
  }
  if (http >= 500 && http !== 501) {
    return new Q2gError('GPHOTOS_HTTP', text, {
      retryable: true,
      details: { ...details, outcomeUnknown: true },
    });
  }
  if (http === 409) {
    return new Q2gError('GPHOTOS_HTTP', text, {
      retryable: true,
      details: { ...details, outcomeUnknown: true },
    });
  }
  if (http === 400 && /no permission to add media items/i.test(body.message)) {
    return new Q2gError('GPHOTOS_ALBUM_NOT_WRITABLE', text, { details });
  }
  if (http === 400 && /valid upload token/i.test(body.message)) {
    return new Q2gError('GPHOTOS_UPLOAD_TOKEN_EXPIRED', text, { details });
  }
  return new Q2gError('GPHOTOS_HTTP', text, { details });
}

/** A header as a single string. */
export function headerText(response: HttpResponse, name: string): string | undefined {
  const value = response.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
