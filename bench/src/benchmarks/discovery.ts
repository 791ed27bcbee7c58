import { ALL_TIME, type BenchConfig } from '../config.js';
import { startRemoteEmulators } from '../emulators/remote-emulators.js';
import type { PagingJobResult } from '../jobs/paging-job.js';
import type { SyncJobResult } from '../jobs/sync-job.js';
import { runJob } from '../lib/child.js';
import { median, mib, ratio, round } from '../lib/stats.js';
import { jobFlags, type Log, pair, tempDir } from './harness.js';

/** Discovery of one library size. */
export interface DiscoveryPoint {
  items: number;
  discoveryMs: number;
  pagingMs: number;
  /** Discovery time / bare paging time (median over repetitions). */
  ratio: number;
  discoveryUsPerItem: number;
  pagingUsPerItem: number;
  peakRssMiB: number;
  /** Live heap (after full GCs) the discovered session holds, per unit (median). */
  residentBytesPerUnit: number;
  rssBeforeRunMiB: number;
  emulatorCpuShare: number;
}

/** Benchmark 5's figures. */
export interface DiscoveryResult {
  points: DiscoveryPoint[];
  /** Per-item discovery cost at the largest size / at the smallest. */
  perItemGrowth: number;
  /** The same for the bare paging loop (how much of the growth the emulator causes). */
  pagingPerItemGrowth: number;
}

/**
 * Benchmark 5: discovery (a dry run) of ever larger libraries, with the JSON backend users run
 * by default (the memory backend, a test double, would keep a second copy of every unit).
 */
export async function benchDiscovery(config: BenchConfig, log: Log): Promise<DiscoveryResult> {
  const points: DiscoveryPoint[] = [];
  for (const items of config.discovery.sizes) {
    const emulators = await startRemoteEmulators({
      gopro: {
        seed: 51,
        library: { fixtures: false, items: [{ kind: 'photo', count: items, size: 1_000_000 }] },
      },
      google: { seed: 51 },
    });
    try {
      const runs: { sync: SyncJobResult; paging: PagingJobResult; share: number }[] = [];
      for (let i = 0; i < config.repetitions; i++) {
        const before = await emulators.snapshot();
        const directory = await tempDir('q2g-bench-discovery-');
        const [paging, sync] = await pair(
          i,
          () =>
            runJob<PagingJobResult>('paging-job.ts', {
              wiring: emulators.wiring,
              perPage: 100,
              range: ALL_TIME,
            }),
          () =>
            runJob<SyncJobResult>(
              'sync-job.ts',
              {
                wiring: emulators.wiring,
                backend: { kind: 'json', directory: directory.path },
                sessionId: `discovery-${i}`,
                range: ALL_TIME,
                mode: 'engine',
                concurrency: 4,
                dryRun: true,
                measureDiscoveryHeap: true,
              },
              { nodeFlags: [...jobFlags.value, '--expose-gc'] },
            ),
        ).finally(() => directory.remove());
        const after = await emulators.snapshot();
        const gopro = after.gopro.cpu.user + after.gopro.cpu.system;
        const goproBefore = before.gopro.cpu.user + before.gopro.cpu.system;
        const emulatorCpu = gopro - goproBefore;
        runs.push({
          sync,
          paging,
          share: emulatorCpu / (emulatorCpu + sync.cpuMicros + paging.cpuMicros),
        });
        if (sync.counts.discovered !== items) {
          throw new Error(`discovery found ${sync.counts.discovered} of ${items} items`);
        }
      }
      const discoveryMs = median(runs.map((r) => r.sync.durationMs));
      const pagingMs = median(runs.map((r) => r.paging.durationMs));
      const point: DiscoveryPoint = {
        items,
        discoveryMs: round(discoveryMs, 0),
        pagingMs: round(pagingMs, 0),
        ratio: round(median(runs.map((r) => ratio(r.sync.durationMs, r.paging.durationMs))), 2),
        discoveryUsPerItem: round((discoveryMs * 1000) / items, 1),
        pagingUsPerItem: round((pagingMs * 1000) / items, 1),
        peakRssMiB: mib(Math.max(...runs.map((r) => r.sync.maxRssBytes))),
        residentBytesPerUnit: round(
          median(runs.map((r) => (r.sync.discoveryHeapBytes ?? Number.NaN) / items)),
          0,
        ),
        rssBeforeRunMiB: mib(runs[0]!.sync.rssBeforeBytes),
        emulatorCpuShare: round(median(runs.map((r) => r.share)), 3),
      };
      log(
        `  discovery of ${items}: ${point.discoveryMs} ms (${point.discoveryUsPerItem} µs/item, ×${point.ratio} bare paging), peak RSS ${point.peakRssMiB} MiB, ${point.residentBytesPerUnit} B/unit resident`,
      );
      points.push(point);
    } finally {
      await emulators.close();
    }
  }
  const first = points[0]!;
  const last = points[points.length - 1]!;
  return {
    points,
    perItemGrowth: round(last.discoveryUsPerItem / first.discoveryUsPerItem, 2),
    pagingPerItemGrowth: round(last.pagingUsPerItem / first.pagingUsPerItem, 2),
  };
}
