import type { Q2gErrorCode } from './error-codes.js';

/**
 * What kind of failure an error is. The engine's failure policy (`stopsRun`), the CLI's exit
 * codes and the web app's HTTP statuses are each a map from these categories.
 *
 * | category            | meaning                                                          |
 * |---------------------|------------------------------------------------------------------|
 * | cancelled           | the user or the caller stopped the run                           |
 * | quota               | the sink's daily quota, or the user's budget of it, is used up   |
 * | auth                | a login is missing, expired or lacks a scope                     |
 * | configuration       | a setting or request is wrong; nothing can succeed until fixed   |
 * | session-conflict    | the request contradicts the saved session                        |
 * | backend-setup       | the state backend cannot be found, loaded or used as asked       |
 * | backend-unavailable | the state backend cannot be reached (after retries)              |
 * | backend-locked      | another process holds the session                                |
 * | backend-failure     | the state backend refused or lost a write, or a lease            |
 * | state-unreadable    | saved state that this version cannot use                         |
 * | state-invalid       | a session id or change the backend refuses as malformed          |
 * | network             | a cloud service could not be reached (transient)                 |
 * | remote              | a cloud service failed for one unit or call                      |
 * | internal            | a bug, or a failure nothing else describes                       |
 */
export const ERROR_CATEGORIES = [
  'cancelled',
  'quota',
  'auth',
  'configuration',
  'session-conflict',
  'backend-setup',
  'backend-unavailable',
  'backend-locked',
  'backend-failure',
  'state-unreadable',
  'state-invalid',
  'network',
  'remote',
  'internal',
] as const;

/** One of the error categories. */
export type ErrorCategory = (typeof ERROR_CATEGORIES)[number];

/** The category of every error code: the one place a code is classified. */
export const ERROR_CODE_CATEGORIES = {
  BACKEND_UNKNOWN_SCHEME: 'backend-setup',
  BACKEND_PACKAGE_MISSING: 'backend-setup',
  BACKEND_INVALID_PLUGIN: 'backend-setup',
  BACKEND_SCHEME_CONFLICT: 'backend-setup',
  BACKEND_API_VERSION: 'backend-setup',
  BACKEND_INVALID_URI: 'backend-setup',
  BACKEND_CAPABILITY_MISSING: 'backend-setup',
  BACKEND_UNAVAILABLE: 'backend-unavailable',
  BACKEND_LOCKED: 'backend-locked',
  BACKEND_CLOSED: 'backend-failure',
  BACKEND_WRITE_FAILED: 'backend-failure',
  STATE_LEASE_LOST: 'backend-failure',
  STATE_CORRUPT: 'state-unreadable',
  STATE_FOREIGN: 'state-unreadable',
  STATE_SCHEMA_TOO_NEW: 'state-unreadable',
  STATE_ILLEGAL_TRANSITION: 'state-unreadable',
  STATE_INVALID: 'state-invalid',
  CONFIG_INVALID: 'configuration',
  GOPRO_AUTH_EXPIRED: 'auth',
  GOPRO_AUTH_FAILED: 'auth',
  GOPRO_BAD_RESPONSE: 'remote',
  GOPRO_HTTP: 'remote',
  GOPRO_NOT_FOUND: 'remote',
  GOPRO_URL_EXPIRED: 'remote',
  GOPRO_SIZE_MISMATCH: 'remote',
  GOPRO_NETWORK: 'network',
  GPHOTOS_AUTH_REQUIRED: 'auth',
  GPHOTOS_SCOPE_MISSING: 'auth',
  GPHOTOS_QUOTA_EXHAUSTED: 'quota',
  GPHOTOS_RATE_LIMITED: 'remote',
  GPHOTOS_UPLOAD_FAILED: 'remote',
  GPHOTOS_UPLOAD_TOKEN_EXPIRED: 'remote',
  GPHOTOS_BAD_RESPONSE: 'remote',
  GPHOTOS_HTTP: 'remote',
  GPHOTOS_FILE_TOO_LARGE: 'remote',
  GPHOTOS_ALBUM_NOT_WRITABLE: 'remote',
  GPHOTOS_NETWORK: 'network',
  SYNC_ABORTED: 'cancelled',
  SYNC_SESSION_MISMATCH: 'session-conflict',
  SYNC_RETRIES_EXHAUSTED: 'remote',
  SYNC_CREATE_UNCERTAIN: 'remote',
  // The user's daily request budget: stops and resumes like the sink's own daily quota.
  SYNC_DAILY_BUDGET_REACHED: 'quota',
  INTERNAL: 'internal',
} as const satisfies Record<Q2gErrorCode, ErrorCategory>;

/** The category of an error code; `internal` for a string that is no q2google code. */
export function errorCategory(code: string): ErrorCategory {
  return Object.hasOwn(ERROR_CODE_CATEGORIES, code)
    ? ERROR_CODE_CATEGORIES[code as Q2gErrorCode]
    : 'internal';
}

/**
 * True when `code` stops a run until a daily quota resets (the sink's own quota or the user's
 * budget of it); such a stop carries the reset time as `resumeAt`, and waiting it out works alike.
 */
export function isDailyQuotaStop(code: string | undefined): boolean {
  return code !== undefined && errorCategory(code) === 'quota';
}
