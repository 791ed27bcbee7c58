/** The body of `sync-job.ts`, loaded after the CLI's V8 settings are applied. */
import {
  GoProToPhotosSync,
  type SyncEvent,
  type SyncSummary,
  SyncWorker,
} from '@q2google/core/engine';
import { buildClients } from '../emulators/clients.js';
import { openBackend } from '../lib/backends.js';
import { finishJob, jobInput, peakRssBytes } from '../lib/child.js';
import { timeBackend } from '../lib/timed-backend.js';
import type { SyncJobInput, SyncJobResult } from './sync-job.js';

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
