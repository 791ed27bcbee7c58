import { isDailyQuotaStop } from '@q2google/core';
import type { SyncSummary } from '@q2google/core/engine';
import { showQuotaCountdown } from '../progress/quota-countdown.js';
import type { SessionContext } from './session-context.js';

/**
 * How long after a quota's reset a waiting run goes on: a clock a little ahead of Google's
 * would otherwise send a request into the day Google still refuses.
 */
export const QUOTA_RESET_MARGIN_MS = 60_000;

/** A daily-quota stop to wait out: when the quota resets, and what was used up. */
export interface QuotaReset {
  /** The reset, in ms since the epoch. */
  at: number;
  /** True for the user's daily request budget, false for the sink's own quota. */
  budget: boolean;
}

/**
 * The reset a run's daily-quota stop waits for with `--wait-for-quota` (the sink's quota used
 * up or the daily request budget reached, alike), or undefined: do not wait.
 */
export function quotaResetToWaitFor(
  ctx: Pick<SessionContext, 'waitForQuota'>,
  summary: SyncSummary,
): QuotaReset | undefined {
  const { stopped } = summary;
  if (!ctx.waitForQuota || !isDailyQuotaStop(stopped?.code)) return undefined;
  const at = stopped?.resumeAt ? Date.parse(stopped.resumeAt) : Number.NaN;
  if (Number.isNaN(at)) return undefined;
  return { at, budget: stopped?.code === 'SYNC_DAILY_BUDGET_REACHED' };
}

/**
 * Sleeps until `reset` and {@link QUOTA_RESET_MARGIN_MS} more, saying so in one line and
 * showing a countdown to the reset (a heartbeat line once a minute when no person is
 * watching). Rejects when `signal` aborts (Ctrl-C).
 */
export async function waitForQuotaReset(
  ctx: Pick<SessionContext, 'clock' | 'stderr' | 'printer'>,
  reset: QuotaReset,
  signal: AbortSignal,
): Promise<void> {
  const at = new Date(reset.at).toISOString();
  const what = reset.budget
    ? "Today's Google request budget is reached"
    : "Google Photos' daily quota is used up";
  ctx.printer.line(`${what}; waiting until ${at} and 1 min more (Ctrl-C stops).`);
  const stopCountdown = showQuotaCountdown(ctx, ctx.printer, reset.at);
  try {
    const until = reset.at + QUOTA_RESET_MARGIN_MS;
    await ctx.clock.sleep(Math.max(0, until - ctx.clock.now()), signal);
  } finally {
    stopCountdown();
  }
}
