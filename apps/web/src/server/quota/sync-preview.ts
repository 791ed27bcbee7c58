/**
 * A dry-run session's preview for the new-sync form: what it would transfer and skip, and the
 * quota plan from core's `planSessionQuota` (the same plan `q2google sync --dry-run` prints).
 */
import { planSessionQuota, type SessionState, type SinkLimits } from '@q2google/core';
import type { SyncPreview } from '../../shared/api-types.js';

/**
 * The preview of `state` (a session a dry run recorded); its quota plan is at the sink's
 * configured daily budget, the first day holding what `spentToday` left of it.
 */
export function syncPreviewOf(
  state: SessionState,
  limits: SinkLimits | undefined,
  now: Date,
  spentToday?: number,
): SyncPreview {
  let toTransfer = 0;
  let skipped = 0;
  let bytes = 0;
  for (const item of Object.values(state.items)) {
    if (item.status === 'skipped') skipped += 1;
    else if (item.status !== 'created') {
      toTransfer += 1;
      bytes += item.servedSize ?? item.size ?? 0;
    }
  }
  const options = { now, ...(spentToday !== undefined ? { spentToday } : {}) };
  const quotaPlan = limits ? (planSessionQuota(state, limits, options) ?? null) : null;
  return {
    sessionId: state.id,
    toTransfer,
    bytes,
    skipped,
    warnings: state.discovery.warnings ?? [],
    quotaPlan,
  };
}
