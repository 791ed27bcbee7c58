import { Q2gError } from '../errors/q2g-error.js';

/** Waits `ms` milliseconds; rejects with `SYNC_ABORTED` as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(signal));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError(signal!));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The error an aborted operation ends with. */
export function abortError(signal: AbortSignal): Q2gError {
  return new Q2gError('SYNC_ABORTED', 'The operation was cancelled.', { cause: signal.reason });
}
