export { calendarDay, nextMidnight } from './calendar-day.js';
export type { JsonValue } from './json.js';
export { redactSecrets, redactUri, uriPassword } from './redact.js';
export {
  backoffDelay,
  currentRetry,
  DEFAULT_RETRY_POLICY,
  parseRetryAfter,
  type RetryNotice,
  type RetryPolicy,
  trackRetryNumbers,
  withRetry,
} from './retry.js';
export { mapLimit, runPool } from './run-pool.js';
export { writeSecretFileAtomic } from './secret-file.js';
export { abortError, sleep } from './sleep.js';
