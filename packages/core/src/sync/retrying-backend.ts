import type { SyncStateBackend } from '../protocol/state-backend.js';
import { type RetryNotice, type RetryPolicy, withRetry } from '../util/retry.js';

/** How patiently the engine waits for a state backend that went away (about 2 minutes). */
export const BACKEND_RETRY_POLICY: RetryPolicy = {
  retries: 12,
  baseDelayMs: 250,
  maxDelayMs: 15_000,
  maxRetryAfterMs: 60_000,
};

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
] as const satisfies readonly (keyof SyncStateBackend)[];

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
  const wrapped: Record<string, unknown> = {
    name: backend.name,
    capabilities: backend.capabilities,
  };
  for (const method of METHODS) {
    const fn = backend[method] as ((...args: unknown[]) => Promise<unknown>) | undefined;
    if (typeof fn !== 'function') continue;
    wrapped[method] = (...args: unknown[]) =>
      withRetry(() => fn.apply(backend, args), policy, onRetry ? { onRetry } : {});
  }
  if (backend.close) wrapped.close = () => backend.close!();
  return wrapped as unknown as SyncStateBackend;
}
