import { calendarDay, QuotaPlanSchema } from '@q2google/core';
import { describe, expect, it } from 'vitest';
import type { SyncPreview } from '../../shared/api-types.js';
import { unit } from '../testing/fake-connections.js';
import { createHarness } from '../testing/harness.js';

describe('the new-sync preview (POST /api/syncs with dryRun)', () => {
  it('discovers only and answers with what it would transfer and the quota plan', async () => {
    const harness = await createHarness({
      units: [unit(1, 5_000), unit(2, 5_000), unit(3, 150_000)],
    });
    const { send } = await harness.login();
    const response = await send('POST', '/api/syncs', {
      from: '2025-06-01',
      to: '2025-06-30',
      album: 'Trip',
      dryRun: true,
    });
    expect(response.status).toBe(200);
    const preview = (await response.json()) as SyncPreview;
    expect(preview).toMatchObject({ toTransfer: 3, skipped: 0, bytes: 160_000, warnings: [] });
    const plan = QuotaPlanSchema.parse(preview.quotaPlan);
    // 2 small uploads + 1 large (2) + 1 create call + 1 album lookup + 1 album create
    expect(plan.requests).toMatchObject({
      simpleUploads: { units: 2, requests: 2 },
      resumableUploads: { units: 1, requests: 2 },
      createCalls: 1,
      albumLookups: 1,
      albumCreates: 1,
      total: 7,
    });
    expect([plan.days, plan.timeZone]).toEqual([1, 'America/Los_Angeles']);
    expect(harness.connections.sink.created).toEqual([]);

    // Starting the sync resumes the previewed session: its plan is what the run then spends.
    const started = await send('POST', `/api/sessions/${preview.sessionId}/resume`);
    expect(started.status).toBe(202);
    await harness.runs.finished(preview.sessionId);
    expect(harness.connections.sink.created).toHaveLength(3);
  });

  it('plans the first day with what today’s recorded requests left of the budget', async () => {
    const harness = await createHarness({ units: [unit(1, 5_000), unit(2, 5_000)] });
    await harness.backend.recordRequests!({
      counter: 'gphotos',
      day: calendarDay(Date.now(), 'America/Los_Angeles'),
      writer: 'cli-run',
      requests: 9_998,
    });
    const { send } = await harness.login();
    const response = await send('POST', '/api/syncs', {
      from: '2025-06-01',
      to: '2025-06-30',
      dryRun: true,
    });
    const plan = QuotaPlanSchema.parse(((await response.json()) as SyncPreview).quotaPlan);
    // 2 uploads + 1 create call: 2 fit in today's rest, the third takes a second day.
    expect([plan.requests.total, plan.spentToday, plan.dailyBudget, plan.days]).toEqual([
      3, 9_998, 10_000, 2,
    ]);
  });

  it('reports a preview that could not start as the error that stopped it, with no session', async () => {
    const harness = await createHarness();
    harness.connections.gopro = false;
    const { send } = await harness.login();
    const response = await send('POST', '/api/syncs', {
      from: '2025-06-01',
      to: '2025-06-30',
      dryRun: true,
    });
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect([response.status, body.error.code]).toEqual([422, 'GOPRO_AUTH_FAILED']);
    expect(await harness.backend.listSessions!()).toEqual([]);
  });
});
