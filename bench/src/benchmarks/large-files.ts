import type { BenchConfig } from '../config.js';
import { startRemoteEmulators } from '../emulators/remote-emulators.js';
import { median, mib, ratio, round } from '../lib/stats.js';
import { type Log, measureBaseline, measureSync, pair, tempDir } from './harness.js';

const CHUNK = 256 * 1024 ** 2;
const RAW_MAX = 32 * 1024 ** 2;
const MAIN = { from: '2024-01-01T00:00:00.000Z', to: '2024-12-31T23:59:59.000Z' };
const RSS_DAYS = ['2022-01-01', '2023-01-01'];

/** One repetition: sync and baseline throughput (MB/s) and the CPU each side used. */
export interface LargeFilesRep {
  baselineMBps: number;
  syncMBps: number;
  ratio: number;
  syncClientCpuS: number;
  baselineClientCpuS: number;
  emulatorCpuShare: number;
  syncRequests: { gopro: Record<string, number>; google: Record<string, number> };
}

/** Benchmark 1's figures. */
export interface LargeFilesResult {
  files: number;
  fileBytes: number;
  chunkBytes: number;
  concurrency: number;
  reps: LargeFilesRep[];
  medianRatio: number;
  medianSyncMBps: number;
  medianBaselineMBps: number;
  /** Client CPU seconds of the sync / of the baseline (less noise-prone than wall time). */
  medianCpuRatio: number;
  medianEmulatorCpuShare: number;
  rss: { fileBytes: number; peakRssMiB: number; rssBeforeRunMiB: number; complete: boolean }[];
}

/** Benchmark 1: a few very large videos, sync vs a bare streaming loop; peak memory by size. */
export async function benchLargeFiles(config: BenchConfig, log: Log): Promise<LargeFilesResult> {
  const { count, size, rssSizes, concurrency } = config.largeFiles;
  const emulators = await startRemoteEmulators({
    gopro: {
      seed: 11,
      library: {
        fixtures: false,
        items: [
          { kind: 'video', count, size, capturedAt: `${MAIN.from}` },
          ...rssSizes.map((s, i) => ({
            kind: 'video' as const,
            count: 1,
            size: s,
            capturedAt: `${RSS_DAYS[i]}T12:00:00.000Z`,
          })),
        ],
      },
    },
    google: { seed: 11, dailyQuota: 10_000_000 },
  });
  try {
    const entries = (await emulators.library()).filter((e) => e.size === size);
    const reps: LargeFilesRep[] = [];
    for (let i = 0; i < config.repetitions; i++) {
      const dir = await tempDir('q2g-bench-large-');
      try {
        const [baseline, sync] = await pair(
          i,
          () =>
            measureBaseline(emulators, {
              entries,
              concurrency,
              chunkSize: CHUNK,
              rawUploadMaxBytes: RAW_MAX,
              timeDescriptors: false,
            }),
          () =>
            measureSync(emulators, {
              backend: { kind: 'json', directory: dir.path },
              sessionId: `large-${i}`,
              range: MAIN,
              mode: 'engine',
              concurrency,
              sink: { rawUploadMaxBytes: RAW_MAX },
            }),
        );
        if (!sync.result.complete)
          throw new Error(`large-file sync incomplete: ${sync.result.stopped}`);
        const bytes = count * size;
        const rep: LargeFilesRep = {
          baselineMBps: round(bytes / 1e3 / baseline.result.durationMs, 1),
          syncMBps: round(bytes / 1e3 / sync.result.durationMs, 1),
          ratio: round(ratio(baseline.result.durationMs, sync.result.durationMs), 3),
          syncClientCpuS: round(sync.result.cpuMicros / 1e6),
          baselineClientCpuS: round(baseline.result.cpuMicros / 1e6),
          emulatorCpuShare: round(sync.emulatorCpuShare, 3),
          syncRequests: { gopro: sync.emulators.gopro, google: sync.emulators.google },
        };
        log(
          `  large files rep ${i + 1}: sync ${rep.syncMBps} MB/s, bare ${rep.baselineMBps} MB/s, ratio ${rep.ratio}`,
        );
        reps.push(rep);
      } finally {
        await dir.remove();
      }
    }
    const rss: LargeFilesResult['rss'] = [];
    for (const [i, fileBytes] of rssSizes.entries()) {
      const dir = await tempDir('q2g-bench-rss-');
      try {
        const day = RSS_DAYS[i]!;
        const { result } = await measureSync(emulators, {
          backend: { kind: 'json', directory: dir.path },
          sessionId: `rss-${i}`,
          range: { from: `${day}T00:00:00.000Z`, to: `${day}T23:59:59.000Z` },
          mode: 'engine',
          concurrency,
          sink: { rawUploadMaxBytes: RAW_MAX },
        });
        rss.push({
          fileBytes,
          peakRssMiB: mib(result.maxRssBytes),
          rssBeforeRunMiB: mib(result.rssBeforeBytes),
          complete: result.complete,
        });
        log(`  one ${mib(fileBytes)} MiB file: peak RSS ${mib(result.maxRssBytes)} MiB`);
      } finally {
        await dir.remove();
      }
    }
    return {
      files: count,
      fileBytes: size,
      chunkBytes: CHUNK,
      concurrency,
      reps,
      medianRatio: round(median(reps.map((r) => r.ratio)), 3),
      medianSyncMBps: round(median(reps.map((r) => r.syncMBps)), 1),
      medianBaselineMBps: round(median(reps.map((r) => r.baselineMBps)), 1),
      medianCpuRatio: round(
        median(reps.map((r) => ratio(r.syncClientCpuS, r.baselineClientCpuS))),
        3,
      ),
      medianEmulatorCpuShare: round(median(reps.map((r) => r.emulatorCpuShare)), 3),
      rss,
    };
  } finally {
    await emulators.close();
  }
}
