import { type ErrorCategory, errorCategory, type Q2gErrorCode } from '@q2google/core';

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

/** The exit code of each error category (core's error table says which code is which). */
const EXIT_CODE_OF = {
  cancelled: EXIT_CODES.interrupted,
  quota: EXIT_CODES.quota,
  auth: EXIT_CODES.auth,
  configuration: EXIT_CODES.usage,
  'session-conflict': EXIT_CODES.usage,
  'backend-setup': EXIT_CODES.usage,
  'backend-unavailable': EXIT_CODES.backend,
  'backend-locked': EXIT_CODES.backend,
  'backend-failure': EXIT_CODES.backend,
  'state-unreadable': EXIT_CODES.backend,
  'state-invalid': EXIT_CODES.backend,
  network: EXIT_CODES.error,
  remote: EXIT_CODES.error,
  internal: EXIT_CODES.error,
} as const satisfies Record<ErrorCategory, number>;

/** The exit code for an error code (undefined: not a q2google error). */
export function exitCodeForError(code: Q2gErrorCode | undefined): number {
  return code === undefined ? EXIT_CODES.error : EXIT_CODE_OF[errorCategory(code)];
}
