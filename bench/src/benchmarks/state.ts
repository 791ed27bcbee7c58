import { randomBytes } from 'node:crypto';
import { ALL_TIME, type BenchConfig } from '../config.js';
import { startRemoteEmulators } from '../emulators/remote-emulators.js';
import type { StateJobInput, StateJobResult } from '../jobs/state-job.js';
import type { BackendSpec } from '../lib/backends.js';
import { runJob } from '../lib/child.js';
import type { Services } from '../lib/services.js';
import { round } from '../lib/stats.js';
import { type Log, measureSync, tempDir } from './harness.js';

/** Where a full sync's time went, for one backend. */
export interface BackendShare {
  backend: string;
  units: number;
  syncMs: number;
  /** Wall time with at least one backend call in flight / sync wall time. */
  busyShare: number;
  /** Sum of all backend call durations / sync wall time (overlapping calls count twice). */
  summedShare: number;
  calls: number;
  byMethod: Record<string, { calls: number; ms: number }>;
}

/** Benchmark 3's figures. */
export interface StateResult {
  small: number;
  large: number;
  saves: number;
  backends: StateJobResult[];
  shares: BackendShare[];
  /** Backends whose job failed (e.g. the database went away), with the reason. */
  failures: string[];
}

const ns = () => `b${randomBytes(4).toString('hex')}`;

function specs(services: Services, directory: string): BackendSpec[] {
  return [
    { kind: 'json', directory },
    { kind: 'postgres', url: services.postgresUrl, namespace: ns() },
    { kind: 'mongo', url: services.mongoUrl, namespace: ns() },
  ];
}

/** Benchmark 3: the cost of one save by session size, loading, and the backend's share of a sync. */
export async function benchState(
  config: BenchConfig,
  services: Services,
  log: Log,
): Promise<StateResult> {
  const { small, large, saves, syncUnits } = config.state;
  const backends: StateJobResult[] = [];
  const failures: string[] = [];
  const scratch = await tempDir('q2g-bench-state-');
  try {
    for (const backend of specs(services, `${scratch.path}/json-state`)) {
      const input: StateJobInput = { backend, small, large, saves, scratch: scratch.path };
      const result = await runJob<StateJobResult>('state-job.ts', input).catch((e: unknown) => {
        failures.push(`${backend.kind} state job: ${e instanceof Error ? e.message : String(e)}`);
        return undefined;
      });
      if (!result) continue;
      log(
        `  ${result.backend}: one save ${result.saveOneSmallMs} ms at ${small}, ${result.saveOneLargeMs} ms at ${large} (×${result.saveOneRatio}); load ${result.loadLargeMs} ms`,
      );
      backends.push(result);
    }
  } finally {
    await scratch.remove();
  }
  const emulators = await startRemoteEmulators({
    gopro: {
      seed: 31,
      library: {
        fixtures: false,
        items: [{ kind: 'photo', count: syncUnits, sizeRange: [100_000, 400_000] }],
      },
    },
    google: { seed: 31, dailyQuota: 10_000_000, dedupByContent: false },
  });
  const shares: BackendShare[] = [];
  const dir = await tempDir('q2g-bench-share-');
  try {
    for (const backend of specs(services, dir.path)) {
      const measured = await measureSync(emulators, {
        backend,
        sessionId: `share-${backend.kind}`,
        range: ALL_TIME,
        mode: 'engine',
        concurrency: 4,
        timeBackend: true,
      }).catch((e: unknown) => {
        failures.push(`${backend.kind} sync: ${e instanceof Error ? e.message : String(e)}`);
        return undefined;
      });
      if (!measured) continue;
      const { result } = measured;
      if (!result.complete) {
        failures.push(`${backend.kind} sync incomplete: ${result.stopped}`);
        continue;
      }
      const timing = result.backend!;
      const share: BackendShare = {
        backend: backend.kind,
        units: syncUnits,
        syncMs: round(result.durationMs, 0),
        busyShare: round(timing.busyMs / result.durationMs, 3),
        summedShare: round(timing.summedMs / result.durationMs, 3),
        calls: timing.calls,
        byMethod: Object.fromEntries(
          Object.entries(timing.byMethod).map(([k, v]) => [
            k,
            { calls: v.calls, ms: round(v.ms, 0) },
          ]),
        ),
      };
      log(
        `  ${backend.kind}: backend busy ${round(share.busyShare * 100, 1)}% of a ${syncUnits}-unit sync`,
      );
      shares.push(share);
    }
  } finally {
    await dir.remove();
    await emulators.close();
  }
  return { small, large, saves, backends, shares, failures };
}
