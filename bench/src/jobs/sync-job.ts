/**
 * One sync in its own process, so its peak memory and CPU are its own. Input (`BENCH_INPUT`):
 * a {@link SyncJobInput}. Result: a {@link SyncJobResult}.
 */
import { leanV8 } from '@q2google/cli/lean-v8';
import type { SinkTuning } from '../emulators/clients.js';
import type { Wiring } from '../emulators/wiring.js';
import type { BackendSpec } from '../lib/backends.js';
import type { BackendTiming } from '../lib/timed-backend.js';

/** What one sync job runs. */
export interface SyncJobInput {
  wiring: Wiring;
  backend: BackendSpec;
  sessionId: string;
  range: { from: string; to: string };
  /** `engine`: one `GoProToPhotosSync`; `worker`: one `SyncWorker` of a shared session. */
  mode: 'engine' | 'worker';
  workerId?: string;
  concurrency: number;
  batchSize?: number;
  sink?: SinkTuning;
  /** Discovery only (the `--dry-run` path). */
  dryRun?: boolean;
  /** Wrap the backend to time its calls. */
  timeBackend?: boolean;
  /** Start the run at this epoch time (after set-up), so several workers start together. */
  startAtMs?: number;
  /**
   * Measure the live heap (after a full GC) when discovery ends, against the heap before the
   * run: what the discovered session holds resident. Needs the job run with `--expose-gc`.
   */
  measureDiscoveryHeap?: boolean;
}

/** What one sync job reports. */
export interface SyncJobResult {
  durationMs: number;
  /** When the run started and ended, ms since the epoch (to line several workers up). */
  startedAtMs: number;
  endedAtMs: number;
  maxRssBytes: number;
  /** Resident set size right after the clients and backend were built, before the run. */
  rssBeforeBytes: number;
  cpuMicros: number;
  complete: boolean;
  counts: Record<string, number>;
  createdThisRun: number;
  bytesTransferred: number;
  stopped: string | null;
  backend?: BackendTiming;
  /** Live heap growth from before the run to discovery's end, after full GCs (bytes). */
  discoveryHeapBytes?: number;
}

// As the q2google CLI starts (apps/cli/src/bin.ts): its V8 settings first, then the sync's
// modules (imported dynamically, so they load after).
leanV8();
await import('./sync-job-run.js');
