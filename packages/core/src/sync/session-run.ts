import { isQ2gError, type Q2gError } from '../errors/q2g-error.js';
import type { SessionState } from '../model/session-state.js';
import { asQ2gError, stopsRun } from '../stages/failure-policy.js';
import { abortError } from '../util/sleep.js';
import type { EngineSettings } from './engine-options.js';
import { quotaResetOf, recordQuotaBlock } from './quota-block.js';
import { type ParsedSyncRequest, parseSyncRequest, type SyncRequest } from './sync-request.js';
import { type SyncSummary, summarizeRun } from './sync-summary.js';

/** One run of a session, as its work loop sees it. */
export interface SessionRun {
  readonly request: ParsedSyncRequest;
  /** Aborts when the caller cancels or the run fails. */
  readonly signal: AbortSignal;
  /** Stops the run with this error (unless it is stopping already); the summary reports it. */
  fail(error: unknown): void;
  /** Bytes the sink confirmed and units created by this run, kept up to date as it goes. */
  readonly tally: { bytes: number; created: number };
}

/** What differs between the single-process engine and a worker: the work and its clean-up. */
export interface RunLoop {
  /** Works on the session until it is done; throws when the run stops. */
  work(): Promise<void>;
  /** Runs after the work whatever happened (final save, leases given back). */
  close(stopped: Q2gError | undefined): Promise<void>;
  /** The session after the run, for the summary (null: unknown). */
  finalState(stopped: Q2gError | undefined): Promise<Readonly<SessionState> | null>;
}

/**
 * The skeleton of every run: validates the request, lets `open` start the work loop, links the
 * caller's signal, turns a run-stopping failure into a summary that says why (anything else is
 * thrown), remembers until when a daily-quota stop holds, and reports the summary.
 */
export async function runSession(
  settings: EngineSettings,
  request: SyncRequest,
  signal: AbortSignal | undefined,
  open: (run: SessionRun) => Promise<RunLoop>,
): Promise<SyncSummary> {
  const started = Date.now();
  const controller = new AbortController();
  const forwardAbort = () => controller.abort(abortError(signal!));
  let failure: Q2gError | undefined;
  const run: SessionRun = {
    request: parseSyncRequest(request),
    signal: controller.signal,
    fail(error) {
      if (controller.signal.aborted) return;
      failure = asQ2gError(error);
      controller.abort(failure);
    },
    tally: { bytes: 0, created: 0 },
  };
  const stopCounting = settings.budget.attach(settings.sink);
  let loop: RunLoop;
  try {
    loop = await open(run).catch((error: unknown) => blockedLoop(settings, run, error));
  } catch (error) {
    stopCounting();
    await settings.budget.flush({ force: true }).catch(() => {});
    throw error;
  }
  if (signal?.aborted) forwardAbort();
  signal?.addEventListener('abort', forwardAbort, { once: true });
  let stopped: Q2gError | undefined;
  try {
    await loop.work();
  } catch (error) {
    stopped = stopReason(error, controller.signal, failure);
    settings.emit({ type: 'error', code: stopped.code, message: stopped.userMessage });
  } finally {
    signal?.removeEventListener('abort', forwardAbort);
    await loop.close(stopped);
    stopCounting();
    await flushRequestCount(settings);
  }
  const resetAt = quotaResetOf(stopped);
  if (resetAt) {
    // Best effort: unrecorded, the next run spends one request to hear the same answer.
    await recordQuotaBlock(settings.backend, run.request.sessionId, resetAt).catch((error) =>
      settings.emit({
        type: 'warning',
        code: asQ2gError(error).code,
        message: `Could not remember until when the daily quota is used up: ${asQ2gError(error).message}`,
      }),
    );
  }
  const summary = summarizeRun(await loop.finalState(stopped), {
    sessionId: run.request.sessionId,
    ...run.tally,
    started,
    stopped,
  });
  settings.emit({ type: 'summary', summary });
  return summary;
}

/** Writes the run's last requests to the shared count; a failure is reported, not thrown. */
async function flushRequestCount(settings: EngineSettings): Promise<void> {
  try {
    await settings.budget.flush({ force: true });
  } catch (error) {
    settings.emit({
      type: 'warning',
      code: asQ2gError(error).code,
      message: `Could not record this run's last requests in the daily request count (${asQ2gError(error).message}).`,
    });
  }
}

/**
 * Why a run that threw `error` stopped, or rethrows it when nothing stops the run. A failure
 * passed to `fail` (a background stage's) is reported rather than the abort it caused; a
 * run-stopping abort reason (cancel, lost backend) wins over the error it made the work throw.
 */
function stopReason(error: unknown, signal: AbortSignal, failure: Q2gError | undefined): Q2gError {
  if (failure) return failure;
  const reason: unknown = signal.aborted ? signal.reason : error;
  if (stopsRun(reason)) return asQ2gError(reason);
  if (stopsRun(error)) return asQ2gError(error);
  throw error;
}

/**
 * The loop of a run `open` refused because the session's daily quota is used up: its work
 * stops with that error at once, so the run is reported like any quota stop. Rethrows any other
 * error `open` threw.
 */
function blockedLoop(settings: EngineSettings, run: SessionRun, error: unknown): RunLoop {
  if (!isQ2gError(error, 'GPHOTOS_QUOTA_EXHAUSTED')) throw error;
  return {
    work: () => Promise.reject(error),
    close: async () => {},
    finalState: () => settings.backend.load(run.request.sessionId),
  };
}
