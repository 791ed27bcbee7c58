/**
 * One sync in its own process, so its peak memory and CPU are its own. Input (`BENCH_INPUT`):
 * a {@link SyncJobInput}. Result: a {@link SyncJobResult}.
 */
import {
  GoProToPhotosSync,
  type SyncEvent,
  type SyncSummary,
  SyncWorker,
} from '@q2google/core/engine';
import { buildClients, type SinkTuning } from '../emulators/clients.js';
import type { Wiring } from '../emulators/wiring.js';
import { type BackendSpec, openBackend } from '../lib/backends.js';
import { finishJob, jobInput, peakRssBytes } from '../lib/child.js';
import { type BackendTiming, timeBackend } from '../lib/timed-backend.js';

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

const input = jobInput<SyncJobInput>();
const opened = await openBackend(input.backend);
const timed = input.timeBackend ? timeBackend(opened) : undefined;
const backend = timed?.backend ?? opened;
const heap = input.measureDiscoveryHeap ? discoveryHeapProbe() : undefined;
const options = {
  ...(await buildClients(input.wiring, input.sink)),
  ...(heap ? { onEvent: heap.onEvent } : {}),
  backend,
  concurrency: input.concurrency,
  ...(input.batchSize ? { batchSize: input.batchSize } : {}),
};
const request = { sessionId: input.sessionId, range: input.range, dryRun: input.dryRun ?? false };
if (input.startAtMs !== undefined && input.startAtMs > Date.now()) {
  await new Promise((resolve) => setTimeout(resolve, input.startAtMs! - Date.now()));
}
heap?.start();
const rssBeforeBytes = process.memoryUsage.rss();
const cpuBefore = process.cpuUsage();
const startedAtMs = Date.now();
const started = performance.now();
const summary: SyncSummary =
  input.mode === 'worker'
    ? await new SyncWorker({
        ...options,
        workerId: input.workerId ?? `w${process.pid}`,
        leaseMs: 30_000,
        pollMs: 100,
      }).run(request)
    : await new GoProToPhotosSync(options).run(request);
const durationMs = performance.now() - started;
const endedAtMs = Date.now();
const cpu = process.cpuUsage(cpuBefore);
const backendTiming = timed?.timing();
await opened.close?.();
const result: SyncJobResult = {
  durationMs,
  startedAtMs,
  endedAtMs,
  maxRssBytes: peakRssBytes(),
  rssBeforeBytes,
  cpuMicros: cpu.user + cpu.system,
  complete: summary.complete,
  counts: summary.counts,
  createdThisRun: summary.createdThisRun,
  bytesTransferred: summary.bytesTransferred,
  stopped: summary.stopped ? `${summary.stopped.code}: ${summary.stopped.message}` : null,
  ...(backendTiming ? { backend: backendTiming } : {}),
  ...(heap?.grownBytes() !== undefined ? { discoveryHeapBytes: heap.grownBytes() } : {}),
};
finishJob(result);

/** Live heap before the run and at discovery's end, each after full GCs. */
function discoveryHeapProbe() {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('measureDiscoveryHeap needs the job run with --expose-gc');
  const liveHeap = () => {
    gc();
    gc();
    return process.memoryUsage().heapUsed;
  };
  let before = 0;
  let grown: number | undefined;
  return {
    start: () => {
      before = liveHeap();
    },
    onEvent: (event: SyncEvent) => {
      if (event.type === 'stage-done' && event.stage === 'discovery') grown = liveHeap() - before;
    },
    grownBytes: () => grown,
  };
}
