import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type {
  GooglePhotosEmulatorOptionsInput,
  GoProEmulatorOptionsInput,
} from '@q2google/sandbox';
import { TS_FLAGS } from '../lib/child.js';
import { benchTls } from '../lib/tls.js';
import type {
  EmulatorSnapshot,
  HostRequest,
  HostSnapshot,
  LibraryEntry,
  Wiring,
} from './wiring.js';

const HOST = fileURLToPath(new URL('./emulator-host.ts', import.meta.url));

/** Both emulators, each in its own child process, driven over IPC. */
export interface RemoteEmulators {
  wiring: Wiring;
  /** Request counters and each emulator process's CPU time so far. */
  snapshot(): Promise<EmulatorSnapshot>;
  /** Every media item of the GoPro library (id, kind, file name, bytes). */
  library(): Promise<LibraryEntry[]>;
  close(): Promise<void>;
}

/** JSON-safe emulator options (no clocks, no fault rules; TLS is always the run's). */
export interface EmulatorOptions {
  gopro: Omit<GoProEmulatorOptionsInput, 'now' | 'tls'>;
  google: Omit<GooglePhotosEmulatorOptionsInput, 'now' | 'faults' | 'tls'>;
  /** Extra node flags for the emulator processes (e.g. `--cpu-prof`). */
  nodeFlags?: string[];
}

interface HostProcess {
  wiring: Partial<Wiring>;
  ask<T>(op: HostRequest['op']): Promise<T>;
  close(): Promise<void>;
}

async function startHost(input: unknown, nodeFlags: string[]): Promise<HostProcess> {
  const child: ChildProcess = spawn(process.execPath, [...TS_FLAGS, ...nodeFlags, HOST], {
    env: { ...process.env, BENCH_INPUT: JSON.stringify(input) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting = new Map<number, (value: unknown) => void>();
  let next = 1;
  child.on('message', (message: { id: number; value: unknown }) => {
    waiting.get(message.id)?.(message.value);
    waiting.delete(message.id);
  });
  const exited = new Promise<never>((_, reject) =>
    child.on('exit', (code) => reject(new Error(`an emulator process exited (${code})`))),
  );
  exited.catch(() => {});
  const ask = <T>(op: HostRequest['op']): Promise<T> =>
    Promise.race([
      new Promise<T>((resolve) => {
        const id = next++;
        waiting.set(id, resolve as (value: unknown) => void);
        child.send({ id, op });
      }),
      exited,
    ]);
  const wiring = await Promise.race([
    new Promise<Partial<Wiring>>((resolve) => waiting.set(0, resolve as (value: unknown) => void)),
    exited,
  ]);
  return {
    wiring,
    ask,
    async close() {
      if (child.exitCode !== null) return;
      const gone = new Promise((resolve) => child.once('exit', resolve));
      await ask('close').catch(() => {});
      await gone;
    },
  };
}

/**
 * Starts the GoPro and the Google Photos emulator processes, both serving HTTPS with the run's
 * throwaway CA ({@link benchTls}), and waits for their wiring.
 */
export async function startRemoteEmulators(options: EmulatorOptions): Promise<RemoteEmulators> {
  const flags = options.nodeFlags ?? [];
  const tls = benchTls();
  const [gopro, google] = await Promise.all([
    startHost({ which: 'gopro', options: { ...options.gopro, tls } }, flags),
    startHost({ which: 'google', options: { ...options.google, tls } }, flags),
  ]);
  return {
    wiring: { ...gopro.wiring, ...google.wiring } as Wiring,
    snapshot: async () => ({
      gopro: await gopro.ask<HostSnapshot>('snapshot'),
      google: await google.ask<HostSnapshot>('snapshot'),
    }),
    library: () => gopro.ask<LibraryEntry[]>('library'),
    close: async () => {
      await Promise.all([gopro.close(), google.close()]);
    },
  };
}

/** What happened between two snapshots: requests per route, CPU microseconds per emulator. */
export interface EmulatorDelta {
  gopro: Record<string, number>;
  google: Record<string, number>;
  goproCpuMicros: number;
  googleCpuMicros: number;
}

/** The difference of two snapshots. */
export function snapshotDelta(before: EmulatorSnapshot, after: EmulatorSnapshot): EmulatorDelta {
  const diff = (a: Record<string, number>, b: Record<string, number>) =>
    Object.fromEntries(
      Object.keys(b)
        .map((k) => [k, (b[k] ?? 0) - (a[k] ?? 0)] as const)
        .filter(([, v]) => v !== 0),
    );
  const cpu = (a: HostSnapshot, b: HostSnapshot) =>
    b.cpu.user - a.cpu.user + (b.cpu.system - a.cpu.system);
  return {
    gopro: diff(before.gopro.counts, after.gopro.counts),
    google: diff(before.google.counts, after.google.counts),
    goproCpuMicros: cpu(before.gopro, after.gopro),
    googleCpuMicros: cpu(before.google, after.google),
  };
}
