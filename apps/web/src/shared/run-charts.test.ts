import { describe, expect, it } from 'vitest';
import type { LoggedEvent } from './api-types.js';
import { runCharts } from './run-charts.js';

const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 10, 0, s)).toISOString();
const sample = (s: number, bytesSent: number, uploaded: number, created: number): LoggedEvent => ({
  type: 'sample',
  at: at(s),
  bytesSent,
  bytesToSend: 10_000_000,
  unitsFound: 10,
  uploaded,
  created,
  failed: 0,
});

describe('run charts', () => {
  it('derives throughput, statuses and stage spans of the last run', () => {
    const events: LoggedEvent[] = [
      { type: 'run', at: at(0), state: 'running' },
      sample(0, 0, 0, 0),
      { type: 'run', at: at(1), state: 'finished' },
      { type: 'run', at: at(10), state: 'running' },
      { type: 'stage-started', at: at(10), stage: 'discovery' },
      sample(10, 0, 0, 0),
      { type: 'stage-done', at: at(11), stage: 'discovery', counts: {} },
      { type: 'stage-started', at: at(11), stage: 'transfer' },
      sample(12, 4_000_000, 2, 0),
      sample(14, 10_000_000, 10, 6),
      { type: 'stage-done', at: at(14), stage: 'transfer', counts: {} },
      { type: 'run', at: at(15), state: 'finished' },
    ];
    const charts = runCharts(events)!;
    expect(charts.startedAt).toBe(at(10));
    expect(charts.throughput).toEqual([
      { t: 2, mbps: 2, unitsPerSecond: 1 },
      { t: 4, mbps: 3, unitsPerSecond: 4 },
    ]);
    expect(charts.statuses.at(-1)).toEqual({
      t: 4,
      uploaded: 10,
      created: 6,
      failed: 0,
      pending: 0,
    });
    expect(charts.stages).toEqual([
      { stage: 'discovery', start: 0, end: 1 },
      { stage: 'transfer', start: 1, end: 4 },
    ]);
    expect(charts.duration).toBe(5);
  });

  it('is null without samples', () => {
    expect(runCharts([{ type: 'run', at: at(0), state: 'running' }])).toBeNull();
    expect(runCharts([])).toBeNull();
  });
});
