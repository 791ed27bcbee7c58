/**
 * Turns driver errors into q2google errors: server selection, network and topology failures are
 * BACKEND_UNAVAILABLE (retryable), a refused login BACKEND_UNAVAILABLE (not retryable), a
 * malformed URI BACKEND_INVALID_URI. URIs are redacted and passwords masked everywhere.
 */
import {
  isQ2gError,
  Q2gError,
  type Q2gErrorCode,
  redactSecrets,
  redactUri,
  wrapError,
} from '@q2google/core';

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

/** The password in a connection URI, if any (for masking). */
export function uriPassword(uri: string | undefined): string | undefined {
  const match = uri?.match(/^[a-z][a-z0-9+.-]*:\/\/[^/:@?#]*:([^@/?#]*)@/i);
  if (!match?.[1]) return undefined;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return match[1];
  }
}

/** `retryable` when the server cannot be reached now; `fatal` when it refuses this login. */
export function classifyConnectionError(error: unknown): 'retryable' | 'fatal' | undefined {
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

/** Wraps `error` from `operation`; connection failures become BACKEND_UNAVAILABLE. */
export function toBackendError(
  error: unknown,
  operation: string,
  uri: string | undefined,
  fallback: Q2gErrorCode = 'BACKEND_WRITE_FAILED',
): Q2gError {
  if (isQ2gError(error)) return error;
  const secrets = [uriPassword(uri)];
  const where = uri ? redactUri(uri) : 'the injected client';
  const name = (error as { name?: unknown } | null)?.name;
  if (uri && typeof name === 'string' && URI_ERRORS.has(name)) return invalidUri(uri, error);
  const reason = redactSecrets(error instanceof Error ? error.message : String(error), secrets);
  const kind = classifyConnectionError(error);
  if (kind) {
    return new Q2gError(
      'BACKEND_UNAVAILABLE',
      `MongoDB at ${where} is unavailable (${operation}): ${reason}`,
      {
        cause: error,
        retryable: kind === 'retryable',
        hint:
          kind === 'retryable'
            ? 'Check that MongoDB is running and reachable, then try again.'
            : 'Check the user and password in the state URI.',
      },
    );
  }
  const wrapped = wrapError(error, fallback, `MongoDB ${operation} failed at ${where}`);
  return new Q2gError(wrapped.code, redactSecrets(wrapped.message, secrets), { cause: error });
}
