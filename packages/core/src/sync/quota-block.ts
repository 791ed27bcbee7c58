import { isQ2gError, Q2gError } from '../errors/q2g-error.js';
import type { SessionState } from '../model/session-state.js';
import { resolveCapabilities, type SyncStateBackend } from '../protocol/state-backend.js';

/**
 * The daily-quota stop a session is still under at `now`: Google said its quota was used up
 * until `quotaBlockedUntil`, so a run before then stops before any request. Undefined otherwise.
 */
export function quotaBlock(state: Readonly<SessionState>, now: Date): Q2gError | undefined {
  const until = state.quotaBlockedUntil;
  if (!until || Date.parse(until) <= now.getTime()) return undefined;
  return new Q2gError(
    'GPHOTOS_QUOTA_EXHAUSTED',
    `Google Photos' daily quota for this session is used up until ${until}.`,
    { details: { resumeAt: until } },
  );
}

/** The time a run's daily-quota stop says the quota resets, or undefined for any other stop. */
export function quotaResetOf(stopped: unknown): string | undefined {
  if (!isQ2gError(stopped, 'GPHOTOS_QUOTA_EXHAUSTED')) return undefined;
  const resumeAt = stopped.details?.resumeAt;
  return typeof resumeAt === 'string' && !Number.isNaN(Date.parse(resumeAt)) ? resumeAt : undefined;
}

/** Saves in the session's meta that its quota is used up until `until` (unless it says so). */
export async function recordQuotaBlock(
  backend: SyncStateBackend,
  sessionId: string,
  until: string,
): Promise<void> {
  const state = await backend.load(sessionId);
  if (!state || state.quotaBlockedUntil === until) return;
  const next = { ...state, quotaBlockedUntil: until };
  if (resolveCapabilities(backend).incrementalSave) {
    const { items, batches, ...meta } = next;
    await backend.saveChanges!({ sessionId, meta, items: [], batches: [] });
  } else {
    await backend.save(next);
  }
}
