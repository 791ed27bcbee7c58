import type { SyncStateBackend } from '@q2google/core';
import { ALL_TIME, expectEachCreatedOnce, startWorld, type World } from '@q2google/test-support';
import { afterEach, describe, expect, it } from 'vitest';

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

/** The Google requests every run recorded on `backend` for the emulator's Pacific day. */
async function counted(world: World, backend: SyncStateBackend): Promise<number> {
  return backend.requestsSpent!('gphotos', world.google.quotaToday().day);
}

/** Units a run left half done: mid-upload, mid-create, or in a batch still open. */
async function ambiguous(backend: SyncStateBackend, sessionId: string): Promise<string[]> {
  const state = (await backend.load(sessionId))!;
  const units = Object.values(state.items)
    .filter((item) => item.status === 'uploading' || item.status === 'creating')
    .map((item) => item.key);
  const batches = Object.values(state.batches)
    .filter((batch) => batch.status !== 'done')
    .map((batch) => batch.id);
  return [...units, ...batches];
}

describe('the daily request budget against the Google emulator', () => {
  it("counts exactly the requests the emulator counts for the day's quota", async () => {
    world = await startWorld();
    const backend = world.backend();
    const summary = await (await world.engine({ backend })).run({
      sessionId: 'count',
      range: ALL_TIME,
      album: 'GoPro',
    });
    expect(summary.complete).toBe(true);
    expectEachCreatedOnce(world);
    const emulator = world.google.quotaToday().requests;
    expect(emulator).toBeGreaterThan(0);
    expect(await counted(world, backend)).toBe(emulator);
  });

  it('stops before the budget, and a second session the same day starts with what is left', async () => {
    const BUDGET = 5;
    world = await startWorld({ sink: { dailyRequestBudget: BUDGET } });
    const backend = world.backend();
    const first = await (await world.engine({ backend, concurrency: 2, batchSize: 2 })).run({
      sessionId: 'budget-1',
      range: ALL_TIME,
    });
    expect(first.stopped).toMatchObject({ code: 'SYNC_DAILY_BUDGET_REACHED' });
    expect(first.stopped?.resumeAt).toBe(world.google.quotaToday().resetAt);
    const afterFirst = world.google.quotaToday().requests;
    expect(afterFirst).toBeGreaterThan(0);
    expect(afterFirst).toBeLessThanOrEqual(BUDGET);
    expect(await counted(world, backend)).toBe(afterFirst);
    expect(await ambiguous(backend, 'budget-1')).toEqual([]);

    // Another session on the same state backend, the same Pacific day.
    const other = world.backend();
    const second = await (await world.engine({ backend: other })).run({
      sessionId: 'budget-2',
      range: ALL_TIME,
    });
    expect(second.stopped?.code).toBe('SYNC_DAILY_BUDGET_REACHED');
    expect(world.google.quotaToday().requests).toBeLessThanOrEqual(BUDGET);
    expect(await counted(world, backend)).toBe(world.google.quotaToday().requests);
    expect(await ambiguous(other, 'budget-2')).toEqual([]);
  });
});
