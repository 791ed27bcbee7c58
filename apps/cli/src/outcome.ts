import type { Q2gErrorCode } from '@q2google/core';

/**
 * How a command ended, when it did not throw. Only the entry (`main.ts`) turns an outcome or a
 * thrown error into an exit code and a last line.
 */
export type Outcome =
  | { kind: 'success' }
  /** Finished, but some units failed; `message` says how to retry them. */
  | { kind: 'partial'; message: string }
  /** Stopped early on purpose or by a cause that stops runs; state is saved. */
  | { kind: 'stopped'; code: Q2gErrorCode; message: string };

/** The success outcome. */
export const SUCCESS: Outcome = { kind: 'success' };
