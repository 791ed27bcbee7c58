import { isQ2gError, Q2gError } from '../errors/q2g-error.js';
import type { SyncStateBackend } from '../protocol/state-backend.js';
import { redactSecrets } from '../util/redact.js';

const METHODS = [
  'load',
  'save',
  'saveChanges',
  'listSessions',
  'ledgerLookup',
  'ledgerRecord',
  'claimItems',
  'renewLeases',
  'releaseLeases',
  'acquireRole',
  'releaseRole',
  'close',
] as const satisfies readonly (keyof SyncStateBackend)[];

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
  const guarded: Record<string, unknown> = {
    name: backend.name ?? label,
    capabilities: backend.capabilities,
  };
  for (const method of METHODS) {
    const fn = backend[method] as ((...args: unknown[]) => Promise<unknown>) | undefined;
    if (typeof fn !== 'function') continue;
    guarded[method] = async (...args: unknown[]) => {
      try {
        return await fn.apply(backend, args);
      } catch (error) {
        throw toBackendError(error, `${label} failed (${method})`, secrets);
      }
    };
  }
  return guarded as unknown as SyncStateBackend;
}

/** Any failure of a backend as a Q2gError whose message is free of the given secrets. */
export function toBackendError(
  error: unknown,
  what: string,
  secrets: readonly (string | undefined)[],
): Q2gError {
  if (isQ2gError(error)) {
    const message = redactSecrets(error.message, secrets);
    if (message === error.message) return error;
    return new Q2gError(error.code, message, {
      hint: error.hint,
      retryable: error.retryable,
      details: error.details,
      cause: error.cause,
    });
  }
  const reason = redactSecrets(error instanceof Error ? error.message : String(error), secrets);
  return new Q2gError('BACKEND_UNAVAILABLE', `The state backend ${what}: ${reason}`, {
    cause: error,
    retryable: true,
  });
}
