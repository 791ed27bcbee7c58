import { AsyncLocalStorage } from 'node:async_hooks';
import { isQ2gError, type Q2gError } from '../errors/q2g-error.js';
import { sleep } from './sleep.js';

/** How often and how patiently to retry. */
export interface RetryPolicy {
  /** Retries after the first attempt. */
  retries: number;
  /** First backoff delay; doubles each retry. */
  baseDelayMs: number;
  /** Longest backoff delay. */
  maxDelayMs: number;
  /** Longest Retry-After we wait for; a longer one fails the operation (it is retryable later). */
  maxRetryAfterMs: number;
  /** Source of randomness for jitter, in [0, 1). Injected by tests. */
  random?: () => number;
  /** Waits; injected by tests. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** Sensible defaults: 6 retries, 1 s doubling to 30 s, Retry-After honoured up to 5 min. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  retries: 6,
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 300_000,
};

/** What happened before a retry, for logging and progress events. */
export interface RetryNotice {
  attempt: number;
  delayMs: number;
  error: Q2gError;
}

// Created only when something reads the number (the HTTP trace): in Node 20 a used
// AsyncLocalStorage installs a promise hook that taxes every promise of the process — every
// chunk of every download and upload — for good.
let retryNumber: AsyncLocalStorage<number> | undefined;

/**
 * Makes {@link currentRetry} answer from now on; called by whoever records it (the HTTP trace's
 * wrappers, when built). Without it, {@link withRetry} tracks no async context.
 */
export function trackRetryNumbers(): void {
  retryNumber ??= new AsyncLocalStorage<number>();
}

/**
 * The retry number of the innermost {@link withRetry} running this code (0 outside one, and
 * always 0 until {@link trackRetryNumbers} was called).
 */
export function currentRetry(): number {
  return retryNumber?.getStore() ?? 0;
}

/**
 * Runs `operation`, retrying q2google errors marked `retryable` with exponential backoff and
 * jitter, never sooner than the error's `retryAfterMs`. Anything else is thrown at once.
 */
export async function withRetry<T>(
  operation: (attempt: number) => Promise<T>,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  options: { signal?: AbortSignal; onRetry?: (notice: RetryNotice) => void } = {},
): Promise<T> {
  const random = policy.random ?? Math.random;
  const wait = policy.sleep ?? sleep;
  for (let attempt = 0; ; attempt++) {
    try {
      return await (retryNumber
        ? retryNumber.run(attempt, () => operation(attempt))
        : operation(attempt));
    } catch (error) {
      if (!isQ2gError(error) || !error.retryable || attempt >= policy.retries) throw error;
      if (options.signal?.aborted) throw error;
      const retryAfter = error.retryAfterMs ?? 0;
      if (retryAfter > policy.maxRetryAfterMs) throw error;
      const delayMs = Math.max(retryAfter, backoffDelay(attempt, policy, random));
      options.onRetry?.({ attempt: attempt + 1, delayMs, error });
      await wait(delayMs, options.signal);
    }
  }
}

/** Exponential backoff with "equal jitter": half fixed, half random. */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

/** Milliseconds from a Retry-After header (seconds or an HTTP date); undefined when absent. */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()) {
  if (!value) return undefined;
  const seconds = Number(value.trim());
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
