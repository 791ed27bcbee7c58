/**
 * Which pg driver errors mean the server cannot be reached (retryable) or refuses this login
 * (fatal); core's backend frame turns those into BACKEND_UNAVAILABLE, redacted.
 */
import type { ConnectionTrouble } from '@q2google/core';

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
]);
/** SQLSTATEs meaning "cannot talk to the database right now" (class 08, shutdown, overload). */
const RETRYABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300']);
/** SQLSTATEs meaning "this connection will never work as configured". */
const FATAL_CONNECT_STATES = new Set(['28000', '28P01', '3D000']);
// `not queryable`: pg's message for a pooled client whose connection died while it was idle
// (a server restart); a retry checks out a fresh connection.
const CONNECT_MESSAGES =
  /connection terminated|timeout exceeded when trying to connect|connect ETIMEDOUT|Connection refused|not queryable/i;

function codesOf(error: unknown): { code?: string; errors: unknown[] } {
  if (typeof error !== 'object' || error === null) return { errors: [] };
  const { code, errors } = error as { code?: unknown; errors?: unknown };
  return {
    ...(typeof code === 'string' ? { code } : {}),
    errors: Array.isArray(errors) ? errors : [],
  };
}

/** `retryable` when the server cannot be reached now; `fatal` when it refuses this login. */
export function classifyConnectionError(error: unknown): ConnectionTrouble | undefined {
  const { code, errors } = codesOf(error);
  if (code && (NETWORK_CODES.has(code) || code.startsWith('08') || RETRYABLE_STATES.has(code))) {
    return 'retryable';
  }
  if (code && FATAL_CONNECT_STATES.has(code)) return 'fatal';
  if (errors.some((e) => classifyConnectionError(e) === 'retryable')) return 'retryable';
  if (error instanceof Error && CONNECT_MESSAGES.test(error.message)) return 'retryable';
  return undefined;
}
