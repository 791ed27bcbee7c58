import { Q2gError } from '@q2google/core';
import { describe, expect, it } from 'vitest';
import type { QuotaView } from '../../shared/api-types.js';
import { unit } from '../testing/fake-connections.js';
import { createHarness } from '../testing/harness.js';

const range = { from: '2025-06-01T00:00:00Z', to: '2025-06-30T00:00:00Z' };

async function synced(units = [unit(1), unit(2)]) {
  const harness = await createHarness({ units });
  await harness.runs.start({ sessionId: 's1', range });
  await harness.runs.idle();
  return { harness, browser: await harness.login() };
}

describe('quota route', () => {
  it('gives a run stopped by the daily quota the time it can go on', async () => {
    const harness = await createHarness({ units: [unit(1)] });
    const resumeAt = '2030-01-02T08:00:00.000Z';
    const quotaSpent = new Q2gError('GPHOTOS_QUOTA_EXHAUSTED', 'The daily quota is spent.', {
      details: { resumeAt },
    });
    harness.connections.sink.failUpload = () => quotaSpent;
    await harness.runs.start({ sessionId: 's1', range });
    await harness.runs.idle();
    const browser = await harness.login();
    const detail = (await (await browser.get('/api/sessions/s1')).json()) as {
      progress: { state: string; stopCode: string; resumeAt: string };
    };
    expect(detail.progress).toMatchObject({
      state: 'stopped',
      stopCode: 'GPHOTOS_QUOTA_EXHAUSTED',
      resumeAt,
    });
  });

  it('reports the Google requests the engine counted today against the daily budget', async () => {
    const { browser } = await synced([unit(1), unit(2)]);
    const res = await browser.get('/api/quota?session=s1');
    const quota = (await res.json()) as QuotaView;
    // Two uploads and one batch create.
    expect(quota).toMatchObject({
      source: 'engine',
      requests: 3,
      dailyLimit: 10_000,
      remainingUnits: 0,
      daysLeft: 0,
      measured: true,
      requestsPerUnit: 1.5,
    });
    expect(Date.parse(quota.resetAt)).toBeGreaterThan(Date.now());
  });
});
