import type { SyncSummary } from '@q2google/core/engine';
import { showQuotaCountdown } from '../progress/quota-countdown.js';
import type { SessionContext } from './session-context.js';

/** When a run's daily-quota stop resets (with `--wait-for-quota`), or undefined: do not wait. */
export function quotaResetToWaitFor(
  ctx: Pick<SessionContext, 'waitForQuota'>,
  summary: SyncSummary,
): number | undefined {
  const { stopped } = summary;
  if (!ctx.waitForQuota || stopped?.code !== 'GPHOTOS_QUOTA_EXHAUSTED') return undefined;
  const at = stopped.resumeAt ? Date.parse(stopped.resumeAt) : Number.NaN;
  return Number.isNaN(at) ? undefined : at;
}

/**
 * Sleeps until `until` (ms since the epoch), saying so in one line and showing a countdown
 * (a heartbeat line once a minute when no person is watching). Rejects when `signal` aborts
 * (Ctrl-C).
 */
export async function waitForQuotaReset(
  ctx: Pick<SessionContext, 'clock' | 'stderr' | 'printer'>,
  until: number,
  signal: AbortSignal,
): Promise<void> {
  const at = new Date(until).toISOString();
  ctx.printer.line(`Google Photos' daily quota is used up; waiting until ${at} (Ctrl-C stops).`);
  const stopCountdown = showQuotaCountdown(ctx, ctx.printer, until);
  try {
    await ctx.clock.sleep(Math.max(0, until - ctx.clock.now()), signal);
  } finally {
    stopCountdown();
  }
}
