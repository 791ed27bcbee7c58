import { describe, expect, it } from 'vitest';
import { applySyncEvent, startProgress } from './run-progress.js';

describe('run progress', () => {
  it('keeps the quota stop and when the run can go on from the summary', () => {
    const at = '2026-01-15T20:00:00.000Z';
    const progress = applySyncEvent(startProgress('s1', at), {
      type: 'summary',
      at,
      summary: {
        sessionId: 's1',
        counts: {},
        skippedByReason: {},
        failures: [],
        warnings: [],
        bytesRemaining: 10,
        bytesTransferred: 0,
        createdThisRun: 0,
        durationMs: 1,
        complete: false,
        stopped: {
          code: 'GPHOTOS_QUOTA_EXHAUSTED',
          message: 'Daily quota reached.',
          resumeAt: '2026-01-16T08:00:00.000Z',
        },
      },
    });
    expect(progress).toMatchObject({
      stage: 'done',
      stopCode: 'GPHOTOS_QUOTA_EXHAUSTED',
      resumeAt: '2026-01-16T08:00:00.000Z',
      message: 'Daily quota reached.',
    });
  });
});
