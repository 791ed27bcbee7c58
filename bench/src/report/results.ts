import type { DiscoveryResult } from '../benchmarks/discovery.js';
import type { LargeFilesResult } from '../benchmarks/large-files.js';
import type { ManyPhotosResult } from '../benchmarks/many-photos.js';
import type { PeerResult } from '../benchmarks/peer.js';
import type { ScaleOutResult } from '../benchmarks/scale-out.js';
import type { StateResult } from '../benchmarks/state.js';
import type { BenchConfig } from '../config.js';
import type { MachineInfo } from '../lib/machine.js';

/** Everything one `pnpm bench` run measured (written as bench-results.json). */
export interface BenchResults {
  command: string;
  mode: 'full' | 'quick';
  startedAt: string;
  durationS: number;
  machine: MachineInfo;
  config: BenchConfig;
  /** Wall time of each benchmark. */
  durationsS: Record<string, number>;
  /** Benchmarks that failed, with the reason. */
  errors: Record<string, string>;
  largeFiles?: LargeFilesResult;
  manyPhotos?: ManyPhotosResult;
  state?: StateResult;
  scaleOut?: ScaleOutResult;
  discovery?: DiscoveryResult;
  peer?: PeerResult;
}
