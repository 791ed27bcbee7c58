import type { Q2gErrorCode } from '@q2google/core';

/** The documented exit codes of `q2google`. */
export const EXIT_CODES = {
  /** Everything asked for was done. */
  success: 0,
  /** An unexpected error (a bug, or a cloud service failing in an unexpected way). */
  error: 1,
  /** Bad usage or configuration: a flag, a setting, a missing package or plugin. */
  usage: 2,
  /** The run finished but some units failed; `q2google retry ID` tries them again. */
  partial: 3,
  /** A login is missing or expired: run `q2google auth google` / `q2google auth gopro`. */
  auth: 4,
  /** Google Photos' daily quota is used up; resume after the time printed. */
  quota: 5,
  /** The state backend is unreachable, locked, or its data cannot be read. */
  backend: 6,
  /** Stopped by Ctrl-C (or SIGINT); state is saved and the run can be resumed. */
  interrupted: 130,
} as const;

const AUTH: readonly Q2gErrorCode[] = [
  'GPHOTOS_AUTH_REQUIRED',
  'GPHOTOS_SCOPE_MISSING',
  'GOPRO_AUTH_EXPIRED',
  'GOPRO_AUTH_FAILED',
];

const USAGE: readonly Q2gErrorCode[] = [
  'CONFIG_INVALID',
  'SYNC_SESSION_MISMATCH',
  'BACKEND_UNKNOWN_SCHEME',
  'BACKEND_PACKAGE_MISSING',
  'BACKEND_INVALID_PLUGIN',
  'BACKEND_SCHEME_CONFLICT',
  'BACKEND_API_VERSION',
  'BACKEND_INVALID_URI',
  'BACKEND_CAPABILITY_MISSING',
];

/** The exit code for an error code (undefined: not a q2google error). */
export function exitCodeForError(code: Q2gErrorCode | undefined): number {
  if (code === undefined) return EXIT_CODES.error;
  if (code === 'SYNC_ABORTED') return EXIT_CODES.interrupted;
  if (code === 'GPHOTOS_QUOTA_EXHAUSTED') return EXIT_CODES.quota;
  if (AUTH.includes(code)) return EXIT_CODES.auth;
  if (USAGE.includes(code)) return EXIT_CODES.usage;
  if (code.startsWith('BACKEND_') || code.startsWith('STATE_')) return EXIT_CODES.backend;
  return EXIT_CODES.error;
}
