/**
 * Chart data of a session's latest run, derived from its event log: throughput (MB/s and
 * units/s) and units by status over time from the progress samples, and when each stage ran.
 * Pure, so the browser draws it and tests check it without a page.
 */
import type { LoggedEvent, ProgressSample } from './api-types.js';

/** One point in time, `t` seconds after the run started. */
export interface ChartPoint {
  t: number;
  [series: string]: number;
}

/** One stage's span, in seconds after the run started (`end` absent: still running). */
export interface StageSpan {
  stage: 'discovery' | 'transfer' | 'create';
  start: number;
  end?: number;
}

/** What the charts of a run draw. */
export interface RunCharts {
  startedAt: string;
  /** `mbps`, `unitsPerSecond` between consecutive samples. */
  throughput: ChartPoint[];
  /** `uploaded`, `created`, `failed`, `pending` (found, not ended) at each sample. */
  statuses: ChartPoint[];
  stages: StageSpan[];
  /** Seconds from the start to the last event. */
  duration: number;
}

/** The charts of the last run in `events`, or null when it logged no samples. */
export function runCharts(events: readonly LoggedEvent[]): RunCharts | null {
  let from = 0;
  events.forEach((event, index) => {
    if (event.type === 'run' && event.state === 'running') from = index;
  });
  const run = events.slice(from);
  const first = run[0];
  if (!first) return null;
  const t0 = Date.parse(first.at);
  const seconds = (at: string) => Math.max(0, (Date.parse(at) - t0) / 1000);
  const samples = run.filter((e): e is ProgressSample => e.type === 'sample');
  if (samples.length === 0) return null;
  const throughput: ChartPoint[] = [];
  for (let i = 1; i < samples.length; i++) {
    const a = samples[i - 1]!;
    const b = samples[i]!;
    const dt = seconds(b.at) - seconds(a.at);
    if (dt <= 0) continue;
    throughput.push({
      t: round(seconds(b.at)),
      mbps: round(Math.max(0, b.bytesSent - a.bytesSent) / dt / 1e6),
      unitsPerSecond: round(Math.max(0, b.uploaded - a.uploaded) / dt),
    });
  }
  const statuses = samples.map((s) => ({
    t: round(seconds(s.at)),
    uploaded: s.uploaded,
    created: s.created,
    failed: s.failed,
    pending: Math.max(0, s.unitsFound - s.uploaded - s.failed),
  }));
  const stages: StageSpan[] = [];
  for (const event of run) {
    if (event.type === 'stage-started') {
      stages.push({ stage: event.stage, start: round(seconds(event.at)) });
    } else if (event.type === 'stage-done') {
      const open = stages.findLast((s) => s.stage === event.stage && s.end === undefined);
      if (open) open.end = round(seconds(event.at));
    }
  }
  const last = run.at(-1)!;
  return { startedAt: first.at, throughput, statuses, stages, duration: round(seconds(last.at)) };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
