import type { SyncRequest } from '@q2google/core';
import type { CommandInput } from '../command.js';
import type { Outcome } from '../outcome.js';
import { reportDryRun } from './dry-run-report.js';
import { openBackend, quoteArg, stateFlagOf } from './open-backend.js';
import { runSession } from './run-session.js';
import { sessionOutcome } from './session-outcome.js';
import { summaryLines } from './summary-report.js';

/**
 * The steps `sync`, `resume` and `retry` share: open the backend, the source and the sink, run
 * the session with progress, print the summary (or the dry-run report), and decide the outcome.
 */
export async function executeSession(
  { ctx, printer, config }: CommandInput,
  request: SyncRequest,
): Promise<Outcome> {
  const loaded = config();
  const { backend, label, close } = await openBackend(ctx, loaded);
  try {
    printer.debug(`state: ${label}`);
    const source = await ctx.services.source(loaded.config);
    const sink = await ctx.services.sink(loaded.config);
    const summary = await runSession(ctx, printer, {
      request,
      backend,
      source,
      sink,
      concurrency: loaded.config.concurrency,
      maxAttempts: loaded.config.maxAttempts,
    });
    const id = quoteArg(summary.sessionId);
    const state = stateFlagOf(loaded);
    if (request.dryRun && !summary.stopped) {
      await reportDryRun(printer, backend, summary.sessionId);
      printer.line(`Nothing was transferred. Run it with: q2google resume ${id}${state}`);
      return { kind: 'success' };
    }
    if (!printer.mode.json)
      for (const line of summaryLines(summary, printer.style)) printer.result(line);
    return sessionOutcome(summary, {
      resume: `q2google resume ${id}${state}`,
      retry: `q2google retry ${id}${state}`,
    });
  } finally {
    await close();
  }
}
