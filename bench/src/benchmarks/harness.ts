import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type EmulatorDelta,
  type RemoteEmulators,
  snapshotDelta,
} from '../emulators/remote-emulators.js';
import type { BaselineJobInput, BaselineJobResult } from '../jobs/baseline-job.js';
import type { SyncJobInput, SyncJobResult } from '../jobs/sync-job.js';
import { runJob } from '../lib/child.js';

/** Progress lines go to stderr so stdout stays clean. */
export type Log = (message: string) => void;

/** A job's result with what the emulators did meanwhile. */
export interface Measured<T> {
  result: T;
  emulators: EmulatorDelta;
  /** Emulator CPU / (emulator CPU + client CPU) over the job. */
  emulatorCpuShare: number;
}

/** Extra node flags for the measured jobs (`--cpu-prof` when profiling). */
export const jobFlags: { value: string[] } = { value: [] };

/** Runs `run` (a job, or any client process) and measures it against the emulators' counters. */
export async function measureRun<T extends { cpuMicros: number }>(
  emulators: RemoteEmulators,
  run: () => Promise<T>,
): Promise<Measured<T>> {
  const before = await emulators.snapshot();
  const result = await run();
  const delta = snapshotDelta(before, await emulators.snapshot());
  const emulatorCpu = delta.goproCpuMicros + delta.googleCpuMicros;
  return {
    result,
    emulators: delta,
    emulatorCpuShare: emulatorCpu / (emulatorCpu + result.cpuMicros),
  };
}

function measure<T extends { cpuMicros: number }>(
  emulators: RemoteEmulators,
  script: string,
  input: unknown,
): Promise<Measured<T>> {
  return measureRun(emulators, () => runJob<T>(script, input, { nodeFlags: jobFlags.value }));
}

/** Runs one sync job against the emulators and measures it. */
export function measureSync(emulators: RemoteEmulators, input: Omit<SyncJobInput, 'wiring'>) {
  return measure<SyncJobResult>(emulators, 'sync-job.ts', { ...input, wiring: emulators.wiring });
}

/** Runs the bare baseline against the emulators and measures it. */
export function measureBaseline(
  emulators: RemoteEmulators,
  input: Omit<BaselineJobInput, 'wiring'>,
) {
  return measure<BaselineJobResult>(emulators, 'baseline-job.ts', {
    ...input,
    wiring: emulators.wiring,
  });
}

/** A fresh temporary directory, removed by the returned cleanup. */
export async function tempDir(prefix: string): Promise<{ path: string; remove(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

/** Runs `first` and `second` in alternating order on odd repetitions (drift hits both alike). */
export async function pair<A, B>(
  index: number,
  first: () => Promise<A>,
  second: () => Promise<B>,
): Promise<[A, B]> {
  if (index % 2 === 0) {
    const a = await first();
    return [a, await second()];
  }
  const b = await second();
  return [await first(), b];
}
