import { randomBytes } from 'node:crypto';
import { ALL_TIME, type BenchConfig } from '../config.js';
import { snapshotDelta, startRemoteEmulators } from '../emulators/remote-emulators.js';
import type { SyncJobInput, SyncJobResult } from '../jobs/sync-job.js';
import { runJob } from '../lib/child.js';
import type { Services } from '../lib/services.js';
import { median, round } from '../lib/stats.js';
import type { Log } from './harness.js';

/** One repetition: how long one worker and three workers took for the same library. */
export interface ScaleOutRep {
  oneWorkerS: number;
  threeWorkersS: number;
  speedup: number;
  /** Units each of the three workers uploaded. */
  unitsPerWorker: number[];
}

/** Benchmark 4's figures. */
export interface ScaleOutResult {
  units: number;
  unitBytes: number;
  bytesPerSecondPerConnection: number;
  concurrencyPerWorker: number;
  reps: ScaleOutRep[];
  medianSpeedup: number;
  medianEmulatorCpuShare: number;
}

const START_DELAY_MS = 6_000;

/** Starts `count` worker processes on one fresh PostgreSQL session; returns the session's span. */
async function runWorkers(
  base: Omit<SyncJobInput, 'workerId' | 'sessionId'>,
  count: number,
): Promise<{ seconds: number; perWorker: number[]; cpuMicros: number }> {
  const namespace = `so${randomBytes(4).toString('hex')}`;
  // Every worker sets up first and then starts at the same moment (process start-up apart).
  const startAtMs = Date.now() + START_DELAY_MS;
  const backend = { ...base.backend, namespace } as SyncJobInput['backend'];
  const results = await Promise.all(
    Array.from({ length: count }, (_, i) =>
      runJob<SyncJobResult>('sync-job.ts', {
        ...base,
        backend,
        sessionId: 'scale-out',
        workerId: `worker-${i + 1}`,
        startAtMs,
      }),
    ),
  );
  if (!results.every((r) => r.complete))
    throw new Error('a worker ended before the session was complete');
  // From the (common) start to the last worker's end; a worker that was set up late starts late.
  const start = Math.min(...results.map((r) => r.startedAtMs));
  const end = Math.max(...results.map((r) => r.endedAtMs));
  return {
    seconds: (end - start) / 1000,
    perWorker: results.map((r) => r.bytesTransferred),
    cpuMicros: results.reduce((a, r) => a + r.cpuMicros, 0),
  };
}

/** Benchmark 4: one worker vs three worker processes on one PostgreSQL session, WAN-like links. */
export async function benchScaleOut(
  config: BenchConfig,
  services: Services,
  log: Log,
): Promise<ScaleOutResult> {
  const { units, unitBytes, bytesPerSecond, concurrency } = config.scaleOut;
  const emulators = await startRemoteEmulators({
    gopro: {
      seed: 41,
      library: { fixtures: false, items: [{ kind: 'photo', count: units, size: unitBytes }] },
      cdn: { bandwidthBytesPerSecond: bytesPerSecond },
    },
    google: {
      seed: 41,
      dailyQuota: 10_000_000,
      dedupByContent: false,
      uploadBytesPerSecond: bytesPerSecond,
    },
  });
  const reps: ScaleOutRep[] = [];
  const shares: number[] = [];
  try {
    const base: Omit<SyncJobInput, 'workerId' | 'sessionId'> = {
      wiring: emulators.wiring,
      backend: { kind: 'postgres', url: services.postgresUrl, namespace: '' },
      range: ALL_TIME,
      mode: 'worker',
      concurrency,
    };
    for (let i = 0; i < config.repetitions; i++) {
      const before = await emulators.snapshot();
      const one = i % 2 === 0 ? await runWorkers(base, 1) : undefined;
      const three = await runWorkers(base, 3);
      const oneAfter = one ?? (await runWorkers(base, 1));
      const delta = snapshotDelta(before, await emulators.snapshot());
      const emulatorCpu = delta.goproCpuMicros + delta.googleCpuMicros;
      shares.push(emulatorCpu / (emulatorCpu + oneAfter.cpuMicros + three.cpuMicros));
      const rep: ScaleOutRep = {
        oneWorkerS: round(oneAfter.seconds, 2),
        threeWorkersS: round(three.seconds, 2),
        speedup: round(oneAfter.seconds / three.seconds, 3),
        unitsPerWorker: three.perWorker.map((bytes) => Math.round(bytes / unitBytes)),
      };
      log(
        `  scale-out rep ${i + 1}: 1 worker ${rep.oneWorkerS} s, 3 workers ${rep.threeWorkersS} s, speedup ${rep.speedup}`,
      );
      reps.push(rep);
    }
  } finally {
    await emulators.close();
  }
  return {
    units,
    unitBytes,
    bytesPerSecondPerConnection: bytesPerSecond,
    concurrencyPerWorker: concurrency,
    reps,
    medianSpeedup: round(median(reps.map((r) => r.speedup)), 3),
    medianEmulatorCpuShare: round(median(shares), 3),
  };
}
