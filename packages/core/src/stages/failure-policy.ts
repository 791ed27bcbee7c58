import { type ErrorCategory, errorCategory } from '../errors/error-categories.js';
import { isQ2gError, Q2gError } from '../errors/q2g-error.js';
import type { ItemError, ItemState } from '../model/item-state.js';

/**
 * Which categories of error are not about one unit: the whole run stops, saved, and says what
 * to do. A wrong setting (e.g. a token file others can read) stops it too: no unit can succeed
 * until it is fixed.
 */
const STOPS_RUN = {
  cancelled: true,
  quota: true,
  auth: true,
  configuration: true,
  'session-conflict': false,
  'backend-setup': false,
  'backend-unavailable': true,
  'backend-locked': true,
  'backend-failure': true,
  'state-unreadable': false,
  'state-invalid': false,
  network: false,
  remote: false,
  internal: false,
} as const satisfies Record<ErrorCategory, boolean>;

/** True when this error must stop the whole run rather than fail one unit. */
export function stopsRun(error: unknown): boolean {
  return isQ2gError(error) && STOPS_RUN[errorCategory(error.code)];
}

/** Any thrown value as a Q2gError (an unexpected one becomes `INTERNAL`). */
export function asQ2gError(error: unknown): Q2gError {
  if (isQ2gError(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new Q2gError('INTERNAL', `Unexpected error: ${message}`, { cause: error });
}

/** The error record kept on a failed unit. */
export function unitError(error: unknown, at: Date): ItemError {
  const typed = asQ2gError(error);
  return {
    code: typed.code,
    message: typed.message,
    retryable: typed.retryable,
    at: at.toISOString(),
  };
}

/** Which failed units a run retries. */
export interface RetryRules {
  /** A failed unit is retried while its attempts are below this. */
  maxAttempts: number;
  /** Also retry units whose last failure was permanent, whatever their attempts (`retry`). */
  retryPermanentFailures: boolean;
}

/** True when a failed unit should be tried again in this run. */
export function shouldRetry(item: ItemState, rules: RetryRules): boolean {
  if (item.status !== 'failed') return false;
  if (rules.retryPermanentFailures) return true;
  return item.error?.retryable === true && item.attempts < rules.maxAttempts;
}
