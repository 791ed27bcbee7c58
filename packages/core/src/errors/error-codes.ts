/**
 * Every error code q2google raises. Check errors by `code`, never by `instanceof`.
 * Prefixes name where the error comes from: BACKEND_/STATE_ (persistence), CONFIG_, GOPRO_
 * (the GoPro source), GPHOTOS_ (the Google Photos sink), SYNC_ (the engine).
 */
export const ERROR_CODES = [
  // registry and backends
  'BACKEND_UNKNOWN_SCHEME',
  'BACKEND_PACKAGE_MISSING',
  'BACKEND_INVALID_PLUGIN',
  'BACKEND_SCHEME_CONFLICT',
  'BACKEND_API_VERSION',
  'BACKEND_INVALID_URI',
  'BACKEND_UNAVAILABLE',
  'BACKEND_LOCKED',
  'BACKEND_CLOSED',
  'BACKEND_WRITE_FAILED',
  // persisted state
  'STATE_CORRUPT',
  'STATE_FOREIGN',
  'STATE_SCHEMA_TOO_NEW',
  'STATE_INVALID',
  'STATE_ILLEGAL_TRANSITION',
  'STATE_LEASE_LOST',
  // configuration
  'CONFIG_INVALID',
  // GoPro source
  'GOPRO_AUTH_EXPIRED',
  'GOPRO_AUTH_FAILED',
  'GOPRO_BAD_RESPONSE',
  'GOPRO_HTTP',
  'GOPRO_NOT_FOUND',
  'GOPRO_URL_EXPIRED',
  'GOPRO_SIZE_MISMATCH',
  'GOPRO_NETWORK',
  // Google Photos sink
  'GPHOTOS_AUTH_REQUIRED',
  'GPHOTOS_SCOPE_MISSING',
  'GPHOTOS_QUOTA_EXHAUSTED',
  'GPHOTOS_RATE_LIMITED',
  'GPHOTOS_UPLOAD_FAILED',
  'GPHOTOS_UPLOAD_TOKEN_EXPIRED',
  'GPHOTOS_BAD_RESPONSE',
  'GPHOTOS_HTTP',
  'GPHOTOS_FILE_TOO_LARGE',
  'GPHOTOS_ALBUM_NOT_WRITABLE',
  'GPHOTOS_NETWORK',
  // sync engine
  'SYNC_ABORTED',
  'SYNC_SESSION_MISMATCH',
  'SYNC_RETRIES_EXHAUSTED',
  'SYNC_CREATE_UNCERTAIN',
  'SYNC_DAILY_BUDGET_REACHED',
  // anything else
  'INTERNAL',
  'BACKEND_CAPABILITY_MISSING',
] as const;

/** One of q2google's error codes. */
export type Q2gErrorCode = (typeof ERROR_CODES)[number];
