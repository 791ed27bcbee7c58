/**
 * The peer rows (issue 16): on the same files and in the same run, over HTTPS,
 * - rclone's upload alone (a local folder → the Google emulator, through the CONNECT front),
 * - the pipeline a user builds today (download the GoPro library to disk, then rclone upload),
 * - q2google's sync (GoPro → Google, default settings, JSON state),
 * - the bare loop (node:https, GoPro CDN streamed into raw or resumable uploads).
 * Photos: all four; large videos: rclone, q2google and the bare loop. The order of the runs
 * rotates with each repetition; every figure is the median of the repetitions.
 */
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ALL_TIME, type BenchConfig } from '../config.js';
import { type RemoteEmulators, startRemoteEmulators } from '../emulators/remote-emulators.js';
import type { LibraryEntry } from '../emulators/wiring.js';
import type { DownloadJobInput, DownloadJobResult } from '../jobs/download-job.js';
import { runJob } from '../lib/child.js';
import type { ProcessCost } from '../lib/measured-process.js';
import { findRclone, type RcloneBinary, rcloneCopy, writeRcloneConfig } from '../lib/rclone.js';
import { median, mib, ratio, round } from '../lib/stats.js';
import {
  jobFlags,
  type Log,
  type Measured,
  measureBaseline,
  measureRun,
  measureSync,
  tempDir,
} from './harness.js';

/** Who moves the files. */
export type Contestant = 'rclone' | 'pipeline' | 'q2google' | 'bare';

/** One contestant's run. */
export interface PeerRun {
  durationMs: number;
  /** CPU of the client processes (both steps for the pipeline), seconds. */
  clientCpuS: number;
  /** Peak RSS of the client process (the larger step for the pipeline). */
  peakRssMiB: number;
  googleRequests: number;
  goproRequests: number;
  emulatorCpuS: number;
}

/** One set of files moved by each contestant. */
export interface PeerScenario {
  items: number;
  bytes: number;
  reps: Partial<Record<Contestant, PeerRun>>[];
  median: Partial<Record<Contestant, PeerRun>>;
}

/** The peer benchmark's figures. */
export interface PeerResult {
  /** `rclone v1.76.0…` as the binary reports it; absent when skipped. */
  rcloneVersion?: string;
  /** Why the rclone rows are missing (no Go). */
  skipped?: string;
  concurrency: number;
  photos: PeerScenario & { sizeRange: [number, number] };
  videos: PeerScenario & { fileBytes: number };
}

const RAW_MAX = 32 * 1024 ** 2;
const CHUNK = 256 * 1024 ** 2;
const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

function toRun(measured: Measured<{ durationMs: number; cpuMicros: number; maxRssBytes: number }>) {
  const { result, emulators } = measured;
  return {
    durationMs: round(result.durationMs, 1),
    clientCpuS: round(result.cpuMicros / 1e6, 3),
    peakRssMiB: mib(result.maxRssBytes),
    googleRequests: sum(emulators.google),
    goproRequests: sum(emulators.gopro),
    emulatorCpuS: round((emulators.goproCpuMicros + emulators.googleCpuMicros) / 1e6, 3),
  } satisfies PeerRun;
}

/** The median of every field over the repetitions, per contestant. */
function medians(reps: Partial<Record<Contestant, PeerRun>>[]) {
  const out: Partial<Record<Contestant, PeerRun>> = {};
  for (const who of ['rclone', 'pipeline', 'q2google', 'bare'] as const) {
    const runs = reps.map((r) => r[who]).filter((r): r is PeerRun => r !== undefined);
    if (runs.length === 0) continue;
    const m = (pick: (r: PeerRun) => number) => round(median(runs.map(pick)), 3);
    out[who] = {
      durationMs: m((r) => r.durationMs),
      clientCpuS: m((r) => r.clientCpuS),
      peakRssMiB: m((r) => r.peakRssMiB),
      googleRequests: m((r) => r.googleRequests),
      goproRequests: m((r) => r.goproRequests),
      emulatorCpuS: m((r) => r.emulatorCpuS),
    };
  }
  return out;
}

/** The median over repetitions of `a / b` (ratios paired within each repetition). */
export function pairedRatio(
  scenario: PeerScenario,
  a: (rep: Partial<Record<Contestant, PeerRun>>) => number | undefined,
  b: (rep: Partial<Record<Contestant, PeerRun>>) => number | undefined,
): number | undefined {
  const values = scenario.reps
    .map((rep) => [a(rep), b(rep)] as const)
    .filter(
      (pair): pair is readonly [number, number] => pair[0] !== undefined && pair[1] !== undefined,
    )
    .map(([x, y]) => ratio(x, y));
  return values.length ? round(median(values), 3) : undefined;
}

interface Scenario {
  emulators: RemoteEmulators;
  entries: LibraryEntry[];
  /** The files on disk rclone's upload-alone run sends. */
  staged: string;
  work: string;
  contestants: Contestant[];
  rclone: RcloneBinary;
  concurrency: number;
  sessionPrefix: string;
  repetitions: number;
  log: Log;
}

async function download(s: Scenario, directory: string): Promise<DownloadJobResult> {
  await mkdir(directory, { recursive: true });
  const input: DownloadJobInput = {
    wiring: s.emulators.wiring,
    entries: s.entries,
    concurrency: s.concurrency,
    directory,
  };
  return runJob<DownloadJobResult>('download-job.ts', input, { nodeFlags: jobFlags.value });
}

async function runScenario(s: Scenario): Promise<Partial<Record<Contestant, PeerRun>>[]> {
  const configFile = join(s.work, 'rclone.conf');
  if (!('skipped' in s.rclone)) {
    await writeRcloneConfig(configFile, s.emulators.wiring.gphotosAccessToken);
  }
  const copy = (source: string): Promise<ProcessCost> => {
    if ('skipped' in s.rclone) throw new Error(s.rclone.skipped);
    const rclone = s.rclone;
    return rcloneCopy(rclone, {
      wiring: s.emulators.wiring,
      configFile,
      source,
      transfers: s.concurrency,
    });
  };
  const runners: Record<Contestant, (rep: number) => Promise<PeerRun>> = {
    rclone: async () => toRun(await measureRun(s.emulators, () => copy(s.staged))),
    pipeline: async (rep) =>
      toRun(
        await measureRun(s.emulators, async () => {
          const directory = join(s.work, `pipeline-${rep}`);
          const down = await download(s, directory);
          const up = await copy(directory);
          await rm(directory, { recursive: true, force: true });
          return {
            durationMs: down.durationMs + up.durationMs,
            cpuMicros: down.cpuMicros + up.cpuMicros,
            maxRssBytes: Math.max(down.maxRssBytes, up.maxRssBytes),
          };
        }),
      ),
    q2google: async (rep) => {
      const measured = await measureSync(s.emulators, {
        backend: { kind: 'json', directory: join(s.work, `state-${rep}`) },
        sessionId: `${s.sessionPrefix}-${rep}`,
        range: ALL_TIME,
        mode: 'engine',
        concurrency: s.concurrency,
      });
      if (!measured.result.complete) {
        throw new Error(`q2google sync incomplete: ${measured.result.stopped}`);
      }
      return toRun(measured);
    },
    bare: async () =>
      toRun(
        await measureBaseline(s.emulators, {
          entries: s.entries,
          concurrency: s.concurrency,
          chunkSize: CHUNK,
          rawUploadMaxBytes: RAW_MAX,
          timeDescriptors: true,
        }),
      ),
  };
  const reps: Partial<Record<Contestant, PeerRun>>[] = [];
  for (let rep = 0; rep < s.repetitions; rep++) {
    const order = s.contestants.map((_, i) => s.contestants[(i + rep) % s.contestants.length]!);
    const runs: Partial<Record<Contestant, PeerRun>> = {};
    for (const who of order) {
      await mkdir(join(s.work, `state-${rep}`), { recursive: true });
      runs[who] = await runners[who](rep);
      s.log(
        `  ${s.sessionPrefix} rep ${rep + 1} ${who}: ${(runs[who].durationMs / 1000).toFixed(2)} s, CPU ${runs[who].clientCpuS} s, RSS ${runs[who].peakRssMiB} MiB, Google requests ${runs[who].googleRequests}`,
      );
    }
    reps.push(runs);
  }
  return reps;
}

async function scenario(
  config: BenchConfig,
  log: Log,
  rclone: RcloneBinary,
  spec: {
    name: string;
    seed: number;
    items: { kind: 'photo' | 'video'; count: number; size?: number; sizeRange?: [number, number] };
    contestants: Contestant[];
  },
): Promise<PeerScenario> {
  const emulators = await startRemoteEmulators({
    gopro: { seed: spec.seed, library: { fixtures: false, items: [spec.items] } },
    google: { seed: spec.seed, dailyQuota: 10_000_000, dedupByContent: false },
  });
  const work = await tempDir(`q2g-bench-peer-${spec.name}-`);
  try {
    const entries = await emulators.library();
    const staged = join(work.path, 'staged');
    const withRclone = !('skipped' in rclone);
    const s: Scenario = {
      emulators,
      entries,
      staged,
      work: work.path,
      contestants: spec.contestants.filter(
        (c) => withRclone || (c !== 'rclone' && c !== 'pipeline'),
      ),
      rclone,
      concurrency: config.peer.concurrency,
      sessionPrefix: `peer-${spec.name}`,
      repetitions: config.repetitions,
      log,
    };
    if (withRclone) await download(s, staged); // the files rclone's upload-alone run sends
    const reps = await runScenario(s);
    return {
      items: entries.length,
      bytes: entries.reduce((a, e) => a + e.size, 0),
      reps,
      median: medians(reps),
    };
  } finally {
    await work.remove();
    await emulators.close();
  }
}

/** The peer benchmark: rclone, the download-then-upload pipeline, q2google and the bare loop. */
export async function benchPeer(config: BenchConfig, log: Log): Promise<PeerResult> {
  const rclone = await findRclone(log);
  if (!('skipped' in rclone)) log(`  peer: ${rclone.version} (${rclone.path})`);
  const { photos, videos, concurrency } = config.peer;
  const photoRun = await scenario(config, log, rclone, {
    name: 'photos',
    seed: 61,
    items: { kind: 'photo', count: photos.count, sizeRange: photos.sizeRange },
    contestants: ['rclone', 'pipeline', 'q2google', 'bare'],
  });
  const videoRun = await scenario(config, log, rclone, {
    name: 'videos',
    seed: 62,
    items: { kind: 'video', count: videos.count, size: videos.size },
    contestants: ['rclone', 'q2google', 'bare'],
  });
  return {
    ...('skipped' in rclone ? { skipped: rclone.skipped } : { rcloneVersion: rclone.version }),
    concurrency,
    photos: { ...photoRun, sizeRange: photos.sizeRange },
    videos: { ...videoRun, fileBytes: videos.size },
  };
}
