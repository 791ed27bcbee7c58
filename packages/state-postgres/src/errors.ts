/**
 * Turns driver errors into q2google errors: an unreachable or refusing server is
 * BACKEND_UNAVAILABLE, anything else the operation's own code. URIs in messages are redacted and
 * the URI's password is masked wherever it might appear.
 */
import {
  isQ2gError,
  Q2gError,
  type Q2gErrorCode,
  redactSecrets,
  redactUri,
  wrapError,
} from '@q2google/core';

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
]);
/** SQLSTATEs meaning "cannot talk to the database right now" (class 08, shutdown, overload). */
const RETRYABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300']);
/** SQLSTATEs meaning "this connection will never work as configured". */
const FATAL_CONNECT_STATES = new Set(['28000', '28P01', '3D000']);
// `not queryable`: pg's message for a pooled client whose connection died while it was idle
// (a server restart); a retry checks out a fresh connection.
const CONNECT_MESSAGES =
  /connection terminated|timeout exceeded when trying to connect|connect ETIMEDOUT|Connection refused|not queryable/i;

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

function codesOf(error: unknown): { code?: string; errors: unknown[] } {
  if (typeof error !== 'object' || error === null) return { errors: [] };
  const { code, errors } = error as { code?: unknown; errors?: unknown };
  return {
    ...(typeof code === 'string' ? { code } : {}),
    errors: Array.isArray(errors) ? errors : [],
  };
}

/** `retryable` when the server cannot be reached now; `fatal` when it refuses this login. */
export function classifyConnectionError(error: unknown): 'retryable' | 'fatal' | undefined {
  const { code, errors } = codesOf(error);
  if (code && (NETWORK_CODES.has(code) || code.startsWith('08') || RETRYABLE_STATES.has(code))) {
    return 'retryable';
  }
  if (code && FATAL_CONNECT_STATES.has(code)) return 'fatal';
  if (errors.some((e) => classifyConnectionError(e) === 'retryable')) return 'retryable';
  if (error instanceof Error && CONNECT_MESSAGES.test(error.message)) return 'retryable';
  return undefined;
}

/** What the backend knows about its server, for messages. */
export interface ErrorContext {
  /** The connection URI (redacted before use) or a description of an injected pool. */
  uri: string | undefined;
}

/** Wraps `error` from `operation`; connection failures become BACKEND_UNAVAILABLE. */
export function toBackendError(
  error: unknown,
  operation: string,
  context: ErrorContext,
  fallback: Q2gErrorCode = 'BACKEND_WRITE_FAILED',
): Q2gError {
  if (isQ2gError(error)) return error;
  const where = context.uri ? redactUri(context.uri) : 'the injected pool';
  const secrets = [uriPassword(context.uri)];
  const reason = redactSecrets(error instanceof Error ? error.message : String(error), secrets);
  const kind = classifyConnectionError(error);
  if (kind) {
    return new Q2gError(
      'BACKEND_UNAVAILABLE',
      `PostgreSQL at ${where} is unavailable (${operation}): ${reason || 'connection failed'}`,
      {
        cause: error,
        retryable: kind === 'retryable',
        hint:
          kind === 'retryable'
            ? 'Check that PostgreSQL is running and reachable, then try again.'
            : 'Check the user, password and database name in the state URI.',
      },
    );
  }
  const wrapped = wrapError(error, fallback, `PostgreSQL ${operation} failed at ${where}`);
  return new Q2gError(wrapped.code, redactSecrets(wrapped.message, secrets), {
    cause: error,
    retryable: false,
  });
}
