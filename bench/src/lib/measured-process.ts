import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** What one external command cost (e.g. rclone): wall time, CPU and peak memory. */
export interface ProcessCost {
  durationMs: number;
  /** User + system CPU of the command and its children (bash's `times`), microseconds. */
  cpuMicros: number;
  /** Highest `VmHWM` (peak resident set) seen of the command, sampled every 25 ms. */
  maxRssBytes: number;
}

const TIMES = /(\d+)m([\d.]+)s\s+(\d+)m([\d.]+)s\s*$/;

function readNumber(path: string, pattern: RegExp): number | undefined {
  try {
    const match = pattern.exec(readFileSync(path, 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined; // the process has gone
  }
}

/**
 * Runs `command args` under bash, which reports the CPU its child used (`times` after it
 * exits: rusage of reaped children, as `time` does); meanwhile the child's peak RSS is read from
 * `/proc/<pid>/status` (`VmHWM` is a high-water mark, so sampling misses at most the last 25 ms
 * of growth). Throws with the end of stderr when the command fails.
 */
export function runMeasuredProcess(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<ProcessCost> {
  const script = '"$@" >&3 2>&3; status=$?; times; exit $status';
  const started = performance.now();
  const child = spawn('bash', ['-c', script, 'bash', command, ...args], {
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'ignore', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  child.stdio[3]?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4000);
  });
  let maxRssKiB = 0;
  const sample = () => {
    const children = readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8');
    for (const pid of children.trim().split(/\s+/).filter(Boolean)) {
      const kib = readNumber(`/proc/${pid}/status`, /VmHWM:\s+(\d+) kB/);
      if (kib !== undefined && kib > maxRssKiB) maxRssKiB = kib;
    }
  };
  const timer = setInterval(() => {
    try {
      sample();
    } catch {
      // bash has exited
    }
  }, 25);
  const killer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 15 * 60_000);
  return new Promise<ProcessCost>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearInterval(timer);
      clearTimeout(killer);
      const durationMs = performance.now() - started;
      const times = TIMES.exec(stdout.trim());
      if (code !== 0 || !times) {
        reject(new Error(`${command} exited with ${signal ?? code}: ${stderr.trim().slice(-600)}`));
        return;
      }
      const seconds = (m: string, s: string) => Number(m) * 60 + Number(s);
      const cpuS = seconds(times[1]!, times[2]!) + seconds(times[3]!, times[4]!);
      resolve({ durationMs, cpuMicros: Math.round(cpuS * 1e6), maxRssBytes: maxRssKiB * 1024 });
    });
  });
}
