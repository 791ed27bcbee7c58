import type { SyncStateBackend } from '@q2google/core';
import { engineOptionsOf } from '@q2google/core/config';
import {
  GoProToPhotosSync,
  type SyncEvent,
  type SyncSummary,
  SyncWorker,
} from '@q2google/core/engine';
import { createProgressReporter } from '../progress/progress-reporter.js';
import { trapInterrupts } from './interrupt.js';
import { observeBackend } from './observe-backend.js';
import type { Clouds } from './open-clouds.js';
import { quotaResetToWaitFor, waitForQuotaReset } from './quota-wait.js';
import type { SessionContext } from './session-context.js';

type RunContext = Pick<
  SessionContext,
  | 'stderr'
  | 'clock'
  | 'onInterrupt'
  | 'exit'
  | 'printer'
  | 'loaded'
  | 'request'
  | 'worker'
  | 'waitForQuota'
>;

/**
 * Runs (or resumes) one session with live progress and Ctrl-C handling, and returns the
 * engine's summary — also when the run stopped early (interrupted, quota, lost login). With
 * `waitForQuota`, a daily-quota stop (the sink's quota or the daily request budget) sleeps
 * until the reset and a minute more, and runs again; Ctrl-C while it
 * sleeps ends the run as interrupted (the state was saved when the run stopped).
 */
export async function runSession(
  ctx: RunContext,
  opened: Clouds & { backend: SyncStateBackend },
): Promise<SyncSummary> {
  for (;;) {
    const summary = await runOnce(ctx, opened);
    const reset = quotaResetToWaitFor(ctx, summary);
    if (reset === undefined) return summary;
    const controller = new AbortController();
    // Ctrl-C ends the wait at once; the outcome line says the state is saved.
    const release = trapInterrupts(ctx, controller, () => {});
    try {
      await waitForQuotaReset(ctx, reset, controller.signal);
    } catch (error) {
      if (!controller.signal.aborted) throw error;
      const message = 'Interrupted while waiting for the daily quota to reset.';
      return { ...summary, stopped: { code: 'SYNC_ABORTED', message } };
    } finally {
      release();
    }
  }
}

/** One run of the engine over the opened clouds and state. */
async function runOnce(
  ctx: RunContext,
  opened: Clouds & { backend: SyncStateBackend },
): Promise<SyncSummary> {
  const reporter = createProgressReporter(ctx, ctx.printer);
  const controller = new AbortController();
  const release = trapInterrupts(ctx, controller, (text) => reporter.note(text));
  try {
    const options = {
      source: opened.source,
      sink: opened.sink,
      backend: observeBackend(opened.backend, (items) => reporter.units(items)),
      ...engineOptionsOf(ctx.loaded.config),
      onEvent: (event: SyncEvent) => reporter.event(event),
      now: () => new Date(ctx.clock.now()),
    };
    const engine = ctx.worker
      ? new SyncWorker({ ...options, ...ctx.worker })
      : new GoProToPhotosSync(options);
    return await engine.run(ctx.request, controller.signal);
  } finally {
    release();
    reporter.stop();
  }
}
