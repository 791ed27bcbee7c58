/**
 * How a state backend reports a failure: a `Q2gError` named after the operation that failed,
 * with the original as `cause` and no secret in its message. Driver errors that mean "the store
 * cannot be reached" become `BACKEND_UNAVAILABLE`; anything else gets the operation's own code.
 */
import type { Q2gErrorCode } from '../errors/error-codes.js';
import { isQ2gError, Q2gError, wrapError } from '../errors/q2g-error.js';
import type { BackendMethod } from '../protocol/state-backend.js';
import { redactSecrets } from '../util/redact.js';

/** `retryable`: the store cannot be reached now; `fatal`: it refuses this configuration. */
export type ConnectionTrouble = 'retryable' | 'fatal';

/** What a backend tells its frame about itself, for guards and messages. */
export interface BackendIdentity {
  /** The backend's short `name`, e.g. `postgres`. */
  name: string;
  /** How messages call it, e.g. `PostgreSQL` (default: `name`). */
  label?: string;
  /** Where it stores, already redacted (a URI, a folder), for messages. */
  where?: string;
  /** Text no message may show, e.g. the password of the URI. */
  secrets?: readonly (string | undefined)[];
  /** Which driver errors mean the store cannot be reached; those become BACKEND_UNAVAILABLE. */
  classifyConnectionError?: (error: unknown) => ConnectionTrouble | undefined;
  /** What to tell the user when the store is unavailable (defaults name the label). */
  unavailableHints?: Partial<Record<ConnectionTrouble, string>>;
}

/** Methods that only read: their unexpected failures are INTERNAL, a write's BACKEND_WRITE_FAILED. */
const READ_METHODS: ReadonlySet<string> = new Set<BackendMethod>([
  'load',
  'listSessions',
  'ledgerLookup',
  'requestsSpent',
]);

/** The code an unexpected failure of `operation` gets. */
export function fallbackCode(operation: string): Q2gErrorCode {
  return READ_METHODS.has(operation) ? 'INTERNAL' : 'BACKEND_WRITE_FAILED';
}

/** `error` with every given secret masked in its message; the same object when none appears. */
export function redactQ2gError(
  error: Q2gError,
  secrets: readonly (string | undefined)[],
): Q2gError {
  const message = redactSecrets(error.message, secrets);
  if (message === error.message) return error;
  return new Q2gError(error.code, message, {
    hint: error.hint,
    retryable: error.retryable,
    ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
    details: error.details,
    cause: error.cause,
  });
}

/**
 * Any failure of `operation` as a Q2gError: q2google errors pass (redacted), connection failures
 * become BACKEND_UNAVAILABLE (retryable unless `fatal`), anything else `fallback`.
 */
export function toOperationError(
  identity: BackendIdentity,
  error: unknown,
  operation: string,
  fallback: Q2gErrorCode = fallbackCode(operation),
): Q2gError {
  const secrets = identity.secrets ?? [];
  if (isQ2gError(error)) return redactQ2gError(error, secrets);
  const label = identity.label ?? identity.name;
  const at = identity.where ? ` at ${identity.where}` : '';
  const reason = redactSecrets(error instanceof Error ? error.message : String(error), secrets);
  const trouble = identity.classifyConnectionError?.(error);
  if (trouble) {
    const hints = {
      retryable: `Check that ${label} is running and reachable, then try again.`,
      fatal: 'Check the user and password in the state URI.',
      ...identity.unavailableHints,
    };
    return new Q2gError(
      'BACKEND_UNAVAILABLE',
      `${label}${at} is unavailable (${operation}): ${reason || 'connection failed'}`,
      { cause: error, retryable: trouble === 'retryable', hint: hints[trouble] },
    );
  }
  const wrapped = wrapError(error, fallback, `${label} ${operation} failed${at}`);
  return new Q2gError(wrapped.code, redactSecrets(wrapped.message, secrets), { cause: error });
}
