import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/**
 * Node flags that run this package's TypeScript sources (and the workspace's) directly: for
 * the emulators; measured jobs run compiled (see {@link startJob}).
 */
export const TS_FLAGS = ['--conditions=q2google-source', '--import', 'tsx'];

/** The absolute path of a job script under `src/jobs`. */
export const jobPath = (name: string): string =>
  fileURLToPath(new URL(`../jobs/${name}`, import.meta.url));

/** How long a job may run before it is killed (a hung database call must not hang the run). */
export const jobTimeout = { ms: 15 * 60_000 };

/** A running child job. */
export interface ChildJob<T> {
  child: ChildProcess;
  /** The last JSON line the child printed (its result). */
  result: Promise<T>;
}

/**
 * Starts `node <script>` — the job compiled to plain ESM (`compiledJob`), so what is measured
 * is q2google's code and not tsx — with `input` as JSON in `BENCH_INPUT`. Every stdout line is
 * JSON; lines with `type` go to `onLine`, and the line with `type: 'result'` is the result.
 * Extra node flags (e.g. `--cpu-prof`) come from `nodeFlags`.
 */
export async function startJob<T>(
  script: string,
  input: unknown,
  options: {
    nodeFlags?: string[];
    onLine?: (line: Record<string, unknown>) => void;
    /** Kill the job after this long (default {@link jobTimeout}). */
    timeoutMs?: number;
  } = {},
): Promise<ChildJob<T>> {
  // imported here: the jobs import this file too, and must not load esbuild
  const { compiledJob } = await import('./compile-job.js');
  const compiled = await compiledJob(script, jobPath(script));
  const child = spawn(process.execPath, [...(options.nodeFlags ?? []), compiled], {
    env: { ...process.env, BENCH_INPUT: JSON.stringify(input) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let result: T | undefined;
  let timedOut = false;
  const timeoutMs = options.timeoutMs ?? jobTimeout.ms;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, timeoutMs);
  createInterface({ input: child.stdout! }).on('line', (text) => {
    if (!text.startsWith('{')) return;
    const line = JSON.parse(text) as Record<string, unknown>;
    if (line.type === 'result') result = line.value as T;
    else options.onLine?.(line);
  });
  return {
    child,
    result: new Promise<T>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        if (code === 0 && result !== undefined) resolve(result);
        else if (timedOut) reject(new Error(`${script} was killed after ${timeoutMs / 1000} s`));
        else reject(new Error(`${script} exited with ${signal ?? code} and no result`));
      });
    }),
  };
}

/** Runs a job to the end and returns its result. */
export async function runJob<T>(
  script: string,
  input: unknown,
  options?: Parameters<typeof startJob>[2],
): Promise<T> {
  return (await startJob<T>(script, input, options)).result;
}

/** Inside a job: the parsed `BENCH_INPUT`. */
export function jobInput<T>(): T {
  return JSON.parse(process.env.BENCH_INPUT ?? '{}') as T;
}

/** Inside a job: prints the result line and exits. */
export function finishJob(value: unknown): void {
  process.stdout.write(`${JSON.stringify({ type: 'result', value })}\n`, () => process.exit(0));
}

/**
 * Inside a job: the peak resident set size of this process so far, in bytes. On Linux this is
 * `VmHWM` of `/proc/self/status`, the high-water mark of this program's own memory: `maxRSS`
 * (getrusage) starts from the parent's resident size at fork, so a job spawned by the bench
 * process (150+ MiB) reported at least that much whatever it used itself.
 */
export function peakRssBytes(): number {
  try {
    const kib = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    if (kib) return Number(kib) * 1024;
  } catch {
    // not Linux: getrusage's figure
  }
  return process.resourceUsage().maxRSS * 1024;
}
