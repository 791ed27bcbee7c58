import {
  GoProToPhotosSync,
  type MediaSink,
  type MediaSource,
  type SyncEvent,
  type SyncRequest,
  type SyncStateBackend,
  type SyncSummary,
  SyncWorker,
} from '@q2google/core';
import type { CliContext } from '../context.js';
import type { Printer } from '../output/printer.js';
import { createProgressReporter } from '../progress/progress-reporter.js';
import { trapInterrupts } from './interrupt.js';
import { observeBackend } from './observe-backend.js';

/** What one run of a session needs, already opened. */
export interface SessionRun {
  request: SyncRequest;
  backend: SyncStateBackend;
  source: MediaSource;
  sink: MediaSink;
  concurrency: number;
  maxAttempts: number;
  /** Run as one of several workers sharing the session (backends with leases only). */
  worker?: { workerId?: string };
}

/**
 * Runs (or resumes) one session with live progress and Ctrl-C handling, and returns the
 * engine's summary — also when the run stopped early (interrupted, quota, lost login).
 */
export async function runSession(
  ctx: Pick<CliContext, 'stderr' | 'clock' | 'onInterrupt' | 'exit'>,
  printer: Printer,
  run: SessionRun,
): Promise<SyncSummary> {
  const reporter = createProgressReporter(ctx, printer);
  const controller = new AbortController();
  const release = trapInterrupts(ctx, controller, (text) => reporter.note(text));
  try {
    const options = {
      source: run.source,
      sink: run.sink,
      backend: observeBackend(run.backend, (items) => reporter.units(items)),
      concurrency: run.concurrency,
      maxAttempts: run.maxAttempts,
      onEvent: (event: SyncEvent) => reporter.event(event),
    };
    const engine = run.worker
      ? new SyncWorker({ ...options, ...run.worker })
      : new GoProToPhotosSync(options);
    return await engine.run(run.request, controller.signal);
  } finally {
    release();
    reporter.stop();
  }
}
