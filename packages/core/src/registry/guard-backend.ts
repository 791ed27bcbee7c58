import { redactQ2gError } from '../backends/backend-errors.js';
import { isQ2gError, Q2gError } from '../errors/q2g-error.js';
import { decorateBackend, type SyncStateBackend } from '../protocol/state-backend.js';
import { redactSecrets } from '../util/redact.js';

/**
 * Wraps every call of a backend so that whatever it throws reaches the engine as one
 * `Q2gError` (`BACKEND_UNAVAILABLE` unless it already is one) with the original as `cause`,
 * and no message carries the given secrets (e.g. the URI's password).
 */
export function guardBackend(
  backend: SyncStateBackend,
  label: string,
  secrets: readonly (string | undefined)[] = [],
): SyncStateBackend {
  const guarded = decorateBackend(backend, (method, call) => async (...args) => {
    try {
      return await call(...args);
    } catch (error) {
      throw toBackendError(error, `${label} failed (${method})`, secrets);
    }
  });
  return backend.name === undefined ? { ...guarded, name: label } : guarded;
}

/** Any failure of a backend as a Q2gError whose message is free of the given secrets. */
export function toBackendError(
  error: unknown,
  what: string,
  secrets: readonly (string | undefined)[],
): Q2gError {
  if (isQ2gError(error)) return redactQ2gError(error, secrets);
  const reason = redactSecrets(error instanceof Error ? error.message : String(error), secrets);
  return new Q2gError('BACKEND_UNAVAILABLE', `The state backend ${what}: ${reason}`, {
    cause: error,
    retryable: true,
  });
}
