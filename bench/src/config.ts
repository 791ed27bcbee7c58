/** Sizes and repetitions of one `pnpm bench` run. */
export interface BenchConfig {
  mode: 'full' | 'quick';
  /** Time figures are the median of this many repetitions (each measured against its baseline). */
  repetitions: number;
  largeFiles: { count: number; size: number; rssSizes: [number, number]; concurrency: number };
  photos: {
    /** Photos of `sizeRange` bytes for the units-per-second ratio. */
    count: number;
    sizeRange: [number, number];
    /** Photos in the run that counts requests per unit (small files: bytes do not change it). */
    requestCount: number;
    concurrency: number;
  };
  state: { small: number; large: number; saves: number; syncUnits: number };
  scaleOut: { units: number; unitBytes: number; bytesPerSecond: number; concurrency: number };
  discovery: { sizes: number[] };
  /** The rclone peer rows (issue 16): the same photos and videos through rclone and q2google. */
  peer: {
    photos: { count: number; sizeRange: [number, number] };
    videos: { count: number; size: number };
    concurrency: number;
  };
}

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

/** The full run: the sizes, scaled only where noted in BENCHMARKS.md. */
export const FULL: BenchConfig = {
  mode: 'full',
  repetitions: 3,
  largeFiles: { count: 4, size: 1 * GiB, rssSizes: [256 * MiB, 4 * GiB], concurrency: 4 },
  photos: { count: 400, sizeRange: [3_000_000, 8_000_000], requestCount: 5_000, concurrency: 4 },
  state: { small: 1_000, large: 100_000, saves: 25, syncUnits: 300 },
  scaleOut: { units: 36, unitBytes: 1_000_000, bytesPerSecond: 1_000_000, concurrency: 2 },
  discovery: { sizes: [10_000, 30_000, 100_000] },
  peer: {
    photos: { count: 300, sizeRange: [1_000_000, 4_000_000] },
    videos: { count: 2, size: 1 * GiB },
    concurrency: 4,
  },
};

/** A smoke run of every benchmark in a few minutes: same code paths, small sizes. */
export const QUICK: BenchConfig = {
  mode: 'quick',
  repetitions: 2,
  largeFiles: { count: 4, size: 128 * MiB, rssSizes: [64 * MiB, 512 * MiB], concurrency: 4 },
  photos: { count: 100, sizeRange: [3_000_000, 8_000_000], requestCount: 500, concurrency: 4 },
  state: { small: 1_000, large: 10_000, saves: 10, syncUnits: 200 },
  scaleOut: { units: 12, unitBytes: 500_000, bytesPerSecond: 1_000_000, concurrency: 2 },
  discovery: { sizes: [1_000, 10_000] },
  peer: {
    photos: { count: 40, sizeRange: [1_000_000, 4_000_000] },
    videos: { count: 2, size: 64 * MiB },
    concurrency: 4,
  },
};

/** The whole capture range of every generated library. */
export const ALL_TIME = { from: '2000-01-01T00:00:00.000Z', to: '2030-01-01T00:00:00.000Z' };
