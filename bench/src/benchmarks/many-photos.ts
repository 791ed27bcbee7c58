import { ALL_TIME, type BenchConfig } from '../config.js';
import { startRemoteEmulators } from '../emulators/remote-emulators.js';
import { median, ratio, round } from '../lib/stats.js';
import { type Log, measureBaseline, measureSync, pair, tempDir } from './harness.js';

const RAW_MAX = 32 * 1024 ** 2;

/** One repetition of the units-per-second comparison. */
export interface PhotosRep {
  syncUnitsPerS: number;
  baselineUnitsPerS: number;
  ratio: number;
  emulatorCpuShare: number;
}

/** Requests a sync made, per unit, to each service. */
export interface RequestsPerUnit {
  units: number;
  gopro: number;
  google: number;
  goproByRoute: Record<string, number>;
  googleByRoute: Record<string, number>;
}

/** Benchmark 2's figures. */
export interface ManyPhotosResult {
  count: number;
  sizeRange: [number, number];
  concurrency: number;
  reps: PhotosRep[];
  medianRatio: number;
  medianSyncUnitsPerS: number;
  medianBaselineUnitsPerS: number;
  medianEmulatorCpuShare: number;
  /**
   * From the last throughput repetition (photos of `sizeRange`). Requests per unit over thousands
   * of small photos come from the quota benchmark's photo sync (the bench's only such run).
   */
  requestsAtSize: RequestsPerUnit;
}

function perUnit(
  units: number,
  gopro: Record<string, number>,
  google: Record<string, number>,
): RequestsPerUnit {
  const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
  const each = (r: Record<string, number>) =>
    Object.fromEntries(Object.entries(r).map(([k, v]) => [k, round(v / units, 4)]));
  return {
    units,
    gopro: round(sum(gopro) / units, 4),
    google: round(sum(google) / units, 4),
    goproByRoute: each(gopro),
    googleByRoute: each(google),
  };
}

/** Benchmark 2: many 3–8 MB photos, units per second against a bare loop; requests per unit. */
export async function benchManyPhotos(config: BenchConfig, log: Log): Promise<ManyPhotosResult> {
  const { count, sizeRange, concurrency } = config.photos;
  const emulators = await startRemoteEmulators({
    gopro: { seed: 21, library: { fixtures: false, items: [{ kind: 'photo', count, sizeRange }] } },
    google: { seed: 21, dailyQuota: 10_000_000, dedupByContent: false },
  });
  const reps: PhotosRep[] = [];
  let requestsAtSize: RequestsPerUnit | undefined;
  try {
    const entries = await emulators.library();
    for (let i = 0; i < config.repetitions; i++) {
      const dir = await tempDir('q2g-bench-photos-');
      try {
        const [baseline, sync] = await pair(
          i,
          () =>
            measureBaseline(emulators, {
              entries,
              concurrency,
              chunkSize: 256 * 1024 ** 2,
              rawUploadMaxBytes: RAW_MAX,
              timeDescriptors: true,
            }),
          () =>
            measureSync(emulators, {
              backend: { kind: 'json', directory: dir.path },
              sessionId: `photos-${i}`,
              range: ALL_TIME,
              mode: 'engine',
              concurrency,
              sink: { rawUploadMaxBytes: RAW_MAX },
            }),
        );
        if (!sync.result.complete) throw new Error(`photo sync incomplete: ${sync.result.stopped}`);
        const rep: PhotosRep = {
          syncUnitsPerS: round(count / (sync.result.durationMs / 1000), 1),
          baselineUnitsPerS: round(count / (baseline.result.durationMs / 1000), 1),
          ratio: round(ratio(baseline.result.durationMs, sync.result.durationMs), 3),
          emulatorCpuShare: round(sync.emulatorCpuShare, 3),
        };
        requestsAtSize = perUnit(count, sync.emulators.gopro, sync.emulators.google);
        log(
          `  photos rep ${i + 1}: sync ${rep.syncUnitsPerS}/s, bare ${rep.baselineUnitsPerS}/s, ratio ${rep.ratio}`,
        );
        reps.push(rep);
      } finally {
        await dir.remove();
      }
    }
  } finally {
    await emulators.close();
  }
  return {
    count,
    sizeRange,
    concurrency,
    reps,
    medianRatio: round(median(reps.map((r) => r.ratio)), 3),
    medianSyncUnitsPerS: round(median(reps.map((r) => r.syncUnitsPerS)), 1),
    medianBaselineUnitsPerS: round(median(reps.map((r) => r.baselineUnitsPerS)), 1),
    medianEmulatorCpuShare: round(median(reps.map((r) => r.emulatorCpuShare)), 3),
    requestsAtSize: requestsAtSize!,
  };
}
