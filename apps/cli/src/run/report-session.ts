import type { SinkLimits, SyncStateBackend } from '@q2google/core';
import type { SyncSummary } from '@q2google/core/engine';
import type { Outcome } from '../outcome.js';
import { reportDryRun } from './dry-run-report.js';
import type { SessionContext } from './session-context.js';
import { sessionOutcome } from './session-outcome.js';
import { summaryLines } from './summary-report.js';

/** Prints what a run did (or, for a dry run, what it would do) and decides the outcome. */
export async function reportSession(
  ctx: Pick<SessionContext, 'printer' | 'request' | 'followUp' | 'clock'>,
  backend: SyncStateBackend,
  summary: SyncSummary,
  sinkLimits: SinkLimits,
): Promise<Outcome> {
  const { printer } = ctx;
  if (ctx.request.dryRun && !summary.stopped) {
    await reportDryRun(printer, backend, summary.sessionId, {
      limits: sinkLimits,
      now: new Date(ctx.clock.now()),
    });
    printer.line(`Nothing was transferred. Run it with: ${ctx.followUp.resume}`);
    return { kind: 'success' };
  }
  if (!printer.mode.json) {
    for (const line of summaryLines(summary, printer.style)) printer.result(line);
  }
  return sessionOutcome(summary, ctx.followUp);
}
