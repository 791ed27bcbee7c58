import type { Q2gErrorCode } from './error-codes.js';

/** Options accepted by {@link Q2gError}. */
export interface Q2gErrorOptions {
  /** The error this one wraps (kept for `--verbose` output, never shown by default). */
  cause?: unknown;
  /** What the user can do about it, one sentence. */
  hint?: string;
  /** Whether repeating the same operation later may succeed. */
  retryable?: boolean;
  /** Milliseconds the server asked us to wait before retrying (Retry-After). */
  retryAfterMs?: number;
  /** Machine-readable extra facts (never secrets). */
  details?: Record<string, unknown>;
}

/** The one error type q2google throws; every failure carries a stable `code`. */
export class Q2gError extends Error {
  override readonly name = 'Q2gError';
  readonly code: Q2gErrorCode;
  readonly hint: string | undefined;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: Q2gErrorCode, message: string, options: Q2gErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.hint = options.hint;
    this.retryable = options.retryable ?? false;
    this.retryAfterMs = options.retryAfterMs;
    this.details = options.details;
  }

  /** The message followed by the hint, as one line for a user. */
  get userMessage(): string {
    return this.hint ? `${this.message} ${this.hint}` : this.message;
  }
}

/** True when `error` is a q2google error, optionally with one of the given codes. */
export function isQ2gError(error: unknown, ...codes: Q2gErrorCode[]): error is Q2gError {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  if ((error as { name?: unknown }).name !== 'Q2gError' || typeof code !== 'string') return false;
  return codes.length === 0 || codes.includes(code as Q2gErrorCode);
}

/**
 * Wraps any thrown value at a plugin boundary: q2google errors pass through unchanged,
 * anything else becomes a Q2gError with `code` and the original as `cause`.
 */
export function wrapError(
  error: unknown,
  code: Q2gErrorCode,
  message: string,
  options: Omit<Q2gErrorOptions, 'cause'> = {},
): Q2gError {
  if (isQ2gError(error)) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new Q2gError(code, `${message}: ${reason}`, { ...options, cause: error });
}
