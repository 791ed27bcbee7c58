/**
 * Which MongoDB driver errors mean the server cannot be reached (retryable) or refuses this
 * login (fatal) — core's backend frame turns those into BACKEND_UNAVAILABLE, redacted — and
 * which mean the URI itself is malformed (BACKEND_INVALID_URI).
 */
import { type ConnectionTrouble, Q2gError, redactUri } from '@q2google/core';

const NETWORK_ERRORS = new Set([
  'MongoServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoTopologyClosedError',
  'MongoNotConnectedError',
  'MongoPoolClearedError',
]);
const URI_ERRORS = new Set(['MongoParseError', 'MongoInvalidArgumentError', 'MongoAPIError']);
/** Server error codes for refused logins: AuthenticationFailed, Unauthorized. */
const AUTH_CODES = new Set([18, 13]);

/** `retryable` when the server cannot be reached now; `fatal` when it refuses this login. */
export function classifyConnectionError(error: unknown): ConnectionTrouble | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { name, code } = error as { name?: unknown; code?: unknown };
  if (typeof name === 'string' && NETWORK_ERRORS.has(name)) return 'retryable';
  if (typeof code === 'number' && AUTH_CODES.has(code)) return 'fatal';
  return undefined;
}

/** A malformed or unsupported URI error for `uri`. */
export function invalidUri(uri: string, cause?: unknown): Q2gError {
  return new Q2gError('BACKEND_INVALID_URI', `"${redactUri(uri)}" is not a valid MongoDB URI.`, {
    hint: 'Use mongodb://user:password@host:27017/database or mongodb+srv://…',
    cause,
  });
}

/** True when the driver rejected the URI or its options (a parse or argument error). */
export function isUriError(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return typeof name === 'string' && URI_ERRORS.has(name);
}
