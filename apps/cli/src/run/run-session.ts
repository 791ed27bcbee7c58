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
import type { SessionContext } from './session-context.js';

/**
 * Runs (or resumes) one session with live progress and Ctrl-C handling, and returns the
 * engine's summary — also when the run stopped early (interrupted, quota, lost login).
 */
export async function runSession(
  ctx: Pick<
    SessionContext,
    'stderr' | 'clock' | 'onInterrupt' | 'exit' | 'printer' | 'loaded' | 'request' | 'worker'
  >,
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
