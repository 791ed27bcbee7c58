/**
 * The live progress of one run, folded from the engine's sync events. The server keeps one per
 * running session (sent as a snapshot to a browser that connects mid-run) and the browser applies
 * the same events to its copy, so both agree without the server sending whole states.
 */
import type { SyncEvent } from '@q2google/core/engine';
import type { ProgressSample, RunState } from './api-types.js';

/** One transfer in flight. */
export interface ActiveTransfer {
  key: string;
  fileName: string;
  sent: number;
  size: number;
}

/** Where one run stands. */
export interface RunProgress {
  sessionId: string;
  state: RunState;
  stage: 'starting' | 'discovery' | 'transfer' | 'create' | 'done';
  startedAt: string;
  finishedAt?: string;
  unitsFound: number;
  /** Units already created or skipped when transfer began (known once discovery ended). */
  settled: number;
  /**
   * Bytes of the units this run has to move, once known; grows as the transfers reveal sizes
   * unknown at discovery (see the server's byte ledger). Never below `bytesSent`.
   */
  bytesToSend: number | null;
  uploaded: number;
  created: number;
  failed: number;
  /** Bytes sent by this run (confirmed and in flight). */
  bytesSent: number;
  active: ActiveTransfer[];
  /** Why the run stopped or failed, if it did. */
  message?: string;
  /** The error code that stopped the run, if it stopped early. */
  stopCode?: string;
  /** When a run stopped by the daily quota can go on (Google's next Pacific midnight). */
  resumeAt?: string;
  /** True when the session ended complete (every unit created or skipped). */
  complete?: boolean;
}

/** A fresh progress record for a run that is starting. */
export function startProgress(sessionId: string, at: string): RunProgress {
  return {
    sessionId,
    state: 'running',
    stage: 'starting',
    startedAt: at,
    unitsFound: 0,
    settled: 0,
    bytesToSend: null,
    uploaded: 0,
    created: 0,
    failed: 0,
    bytesSent: 0,
    active: [],
  };
}

/**
 * The progress after one sync event (a new object; the input is not changed). Byte counts are
 * the server's byte ledger's to set.
 */
export function applySyncEvent(progress: RunProgress, event: SyncEvent): RunProgress {
  const next: RunProgress = { ...progress };
  switch (event.type) {
    case 'stage-started':
      next.stage = event.stage;
      break;
    case 'discovery-page':
      next.unitsFound = event.unitsFound;
      break;
    case 'stage-done':
      if (event.stage === 'discovery') next.unitsFound = event.counts.units ?? next.unitsFound;
      break;
    case 'unit-started':
      next.active = [
        ...progress.active.filter((t) => t.key !== event.key),
        { key: event.key, fileName: event.fileName, sent: event.offset, size: event.size },
      ];
      break;
    case 'bytes': {
      next.active = progress.active.map((t) =>
        t.key === event.key ? { ...t, sent: event.sent, size: event.size } : t,
      );
      break;
    }
    case 'unit-done':
      next.active = progress.active.filter((t) => t.key !== event.key);
      if (event.status === 'uploaded') next.uploaded += 1;
      else if (event.status === 'created') next.created += 1;
      else if (event.status === 'failed') next.failed += 1;
      break;
    case 'summary':
      next.stage = 'done';
      next.complete = event.summary.complete;
      if (event.summary.stopped) {
        next.message = event.summary.stopped.message;
        next.stopCode = event.summary.stopped.code;
        if (event.summary.stopped.resumeAt) next.resumeAt = event.summary.stopped.resumeAt;
      }
      break;
    default:
      break;
  }
  return next;
}

/** The progress once the run has ended. */
export function finishProgress(
  progress: RunProgress,
  state: Exclude<RunState, 'running'>,
  at: string,
  message?: string,
): RunProgress {
  return {
    ...progress,
    state,
    stage: 'done',
    finishedAt: at,
    active: [],
    ...(message !== undefined ? { message } : {}),
  };
}

/** The run's counters at `at`, as the event log keeps them for the charts. */
export function sampleOf(progress: RunProgress, at: string): ProgressSample {
  return {
    type: 'sample',
    at,
    bytesSent: progress.bytesSent,
    bytesToSend: progress.bytesToSend,
    unitsFound: progress.unitsFound,
    uploaded: progress.uploaded,
    created: progress.created,
    failed: progress.failed,
  };
}

/** Share of the run's units that reached an end (created, failed), from 0 to 1. */
export function completedShare(progress: RunProgress): number {
  if (progress.state !== 'running') return 1;
  if (progress.unitsFound === 0) return 0;
  return Math.min(
    1,
    (progress.settled + progress.created + progress.failed) / Math.max(1, progress.unitsFound),
  );
}
