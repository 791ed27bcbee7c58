import { resolveCapabilities, type SinkRequestQuota, type SyncStateBackend } from '@q2google/core';
import { RequestBudget } from '@q2google/core/engine';

/** Google requests spent today (Pacific day) by every run recorded on the backend. */
export interface RequestsToday {
  /** The Pacific date, `YYYY-MM-DD`. */
  day: string;
  spent: number;
  budget: number;
  /** What is left of today's budget. */
  left: number;
  /** The next midnight in America/Los_Angeles (ISO). */
  resetAt: string;
  /** False when the backend keeps no shared count (capability `requestCounts`). */
  counted: boolean;
}

/**
 * Today's Google requests as the engine counts them against the sink's declared `quota` (its
 * configured daily budget), read from the state backend; undefined when the sink has no quota.
 */
export async function requestsToday(
  backend: SyncStateBackend,
  quota: SinkRequestQuota | undefined,
  now: () => number,
): Promise<RequestsToday | undefined> {
  if (!quota) return undefined;
  const today = (await new RequestBudget({ quota, backend, now }).today())!;
  return {
    day: today.day,
    spent: today.spent,
    budget: today.budget,
    left: Math.max(0, today.budget - today.spent),
    resetAt: today.resetAt,
    counted: resolveCapabilities(backend).requestCounts,
  };
}

/** `Google requests today: N of BUDGET, M left (resets at HH:MM local / midnight Pacific)`. */
export function requestsTodayLine(today: RequestsToday): string {
  const reset = new Date(today.resetAt);
  const local = `${pad(reset.getHours())}:${pad(reset.getMinutes())}`;
  const counted = today.counted ? '' : '; this state backend keeps no count across runs';
  return `Google requests today: ${today.spent} of ${today.budget}, ${today.left} left (resets at ${local} local / midnight Pacific${counted})`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
