import type { SyncSummary } from '@q2google/core/engine';
import type { SessionContext } from './session-context.js';

const HEARTBEAT_MS = 60_000;

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
 * Sleeps until `until` (ms since the epoch), saying so in one line and, when no person is
 * watching (non-TTY), once a minute after. Rejects when `signal` aborts (Ctrl-C).
 */
export async function waitForQuotaReset(
  ctx: Pick<SessionContext, 'clock' | 'stderr' | 'printer'>,
  until: number,
  signal: AbortSignal,
): Promise<void> {
  const at = new Date(until).toISOString();
  ctx.printer.line(`Google Photos' daily quota is used up; waiting until ${at} (Ctrl-C stops).`);
  const stopHeartbeat = ctx.stderr.isTTY
    ? () => {}
    : ctx.clock.every(HEARTBEAT_MS, () => {
        const minutes = Math.max(0, Math.ceil((until - ctx.clock.now()) / 60_000));
        ctx.printer.line(`Still waiting for the quota reset at ${at} (${minutes} min left).`);
      });
  try {
    await ctx.clock.sleep(Math.max(0, until - ctx.clock.now()), signal);
  } finally {
    stopHeartbeat();
  }
}
