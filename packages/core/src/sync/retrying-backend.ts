import { decorateBackend, type SyncStateBackend } from '../protocol/state-backend.js';
import { type RetryNotice, type RetryPolicy, withRetry } from '../util/retry.js';

/** How patiently the engine waits for a state backend that went away (about 2 minutes). */
export const BACKEND_RETRY_POLICY: RetryPolicy = {
  retries: 12,
  baseDelayMs: 250,
  maxDelayMs: 15_000,
  maxRetryAfterMs: 60_000,
};

/**
 * The same backend, with every call retried while it fails with a retryable error (a database
 * restarting, a dropped connection), so a short outage makes the sync wait instead of stop.
 * Every backend operation is idempotent, so a retried call is safe.
 */
export function withBackendRetries(
  backend: SyncStateBackend,
  policy: RetryPolicy = BACKEND_RETRY_POLICY,
  onRetry?: (notice: RetryNotice) => void,
): SyncStateBackend {
  return decorateBackend(backend, (method, call) =>
    method === 'close'
      ? call
      : (...args) => withRetry(() => call(...args), policy, onRetry ? { onRetry } : {}),
  );
}
