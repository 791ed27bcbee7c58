import { describe, expect, it } from 'vitest';
import type { RunProgress } from '../../shared/run-progress.js';
import { refuseFile, unit } from '../testing/fake-connections.js';
import { createHarness } from '../testing/harness.js';

describe('a run’s byte counts', () => {
  it('never shows more sent than total when sizes are unknown until download', async () => {
    const units = [
      unit(1, 5000),
      unit(2, null, { key: 'm2#frame-1', sourceType: 'Burst' }),
      unit(3, null, { key: 'm2#frame-2', sourceType: 'Burst' }),
    ];
    const harness = await createHarness({ units });
    harness.connections.served = { 'm2#frame-1': 7000, 'm2#frame-2': 9000 };
    const seen: RunProgress[] = [];
    harness.runs.subscribe((message) => {
      if (message.kind === 'progress') seen.push(message.run);
    });
    await harness.runs.start({
      sessionId: 's-bursts',
      range: { from: '2025-06-01T00:00:00Z', to: '2025-06-30T00:00:00Z' },
    });
    await harness.runs.idle();
    for (const run of seen) {
      expect(run.bytesSent).toBeLessThanOrEqual(run.bytesToSend ?? Number.POSITIVE_INFINITY);
    }
    const last = seen.at(-1)!;
    expect(last.state).toBe('finished');
    expect(last.bytesToSend).toBe(21_000);
    expect(last.bytesSent).toBe(21_000);
  });

  it('counts only the new work of a resumed session', async () => {
    const harness = await createHarness({ units: [unit(1, 5000), unit(2, 4000)] });
    const request = {
      sessionId: 's-resume',
      range: { from: '2025-06-01T00:00:00Z', to: '2025-06-30T00:00:00Z' },
    };
    harness.connections.sink.failUpload = refuseFile(unit(2).fileName);
    await harness.runs.start(request);
    await harness.runs.idle();
    expect(harness.runs.progress('s-resume')).toMatchObject({ failed: 1, bytesToSend: 9000 });
    harness.connections.sink.failUpload = undefined;
    // Units the first run created count as settled when created before the second run started
    // (millisecond timestamps): let the clock move on, as it does between two runs in use.
    await new Promise((resolve) => setTimeout(resolve, 5));
    await harness.runs.start({ sessionId: 's-resume', retryFailed: true });
    await harness.runs.idle();
    const run = harness.runs.progress('s-resume')!;
    expect(run).toMatchObject({ state: 'finished', complete: true, settled: 1 });
    expect(run.bytesToSend).toBe(4000);
    expect(run.bytesSent).toBe(4000);
  });
});
