import { Q2gError } from '../errors/q2g-error.js';
import { resolveCapabilities, type SyncStateBackend } from './state-backend.js';

/** Where the backend is and which session it was asked for, to name them in the error. */
export interface LeaseCheckContext {
  /** The backend's redacted URI or path. */
  where?: string;
  sessionId?: string;
}

/**
 * Throws `BACKEND_CAPABILITY_MISSING` unless the backend can share a session between workers:
 * leases to hand out units and roles, and incremental saves so that no worker overwrites the
 * units of another. The one check of that capability, wherever it is needed.
 */
export function requireLeases(backend: SyncStateBackend, context: LeaseCheckContext = {}): void {
  const capabilities = resolveCapabilities(backend);
  const missing = !capabilities.leases
    ? 'no leases'
    : !capabilities.incrementalSave
      ? 'no incremental saves'
      : undefined;
  if (!missing) return;
  const at = context.where ? ` at ${context.where}` : '';
  const resume = context.sessionId ? `q2google resume ${context.sessionId}` : 'q2google resume ID';
  throw new Q2gError(
    'BACKEND_CAPABILITY_MISSING',
    `The state backend${at} (${backend.name ?? 'unnamed'}) cannot share a session between workers (${missing}).`,
    {
      hint: `Use a postgres:// or mongodb:// --state for several workers, or run \`${resume}\` in one process.`,
    },
  );
}
