import { planQuota, quotaWorkOf } from '@q2google/core';
import {
  ALL_TIME,
  buildClients,
  expectEachCreatedOnce,
  startWorld,
  type World,
} from '@q2google/test-support';
import { afterEach, describe, expect, it } from 'vitest';

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

/** Library API requests the emulator served (OAuth token refreshes are not quota requests). */
function libraryRequests(world: World): Record<string, number> {
  const { 'gphotos.token': _token, ...library } = world.google.requestCounts();
  return library;
}

describe('the quota plan (issue 15)', () => {
  it('predicts exactly the requests an uninterrupted sync spends, album splits included', async () => {
    world = await startWorld({
      gopro: {
        library: {
          fixtures: false,
          items: [
            { kind: 'photo', count: 83, size: 20_000 },
            { kind: 'video', count: 7, size: 120_000 },
          ],
        },
      },
      // Videos above 50 kB take the resumable path; an album holds 40 items, so "Trip (2)" and "Trip (3)" follow.
      sink: { rawUploadMaxBytes: 50_000, limits: { albumCapacity: 40 } },
    });
    const backend = world.backend();
    const request = { sessionId: 'quota-plan', range: ALL_TIME, album: 'Trip' };
    await (await world.engine({ backend })).run({ ...request, dryRun: true });
    expect(libraryRequests(world)).toEqual({});
    const { sink } = await buildClients(world.wiring);
    const state = await backend.load('quota-plan');
    const plan = planQuota({
      work: quotaWorkOf(state!, sink.limits),
      quota: sink.limits.requestQuota!,
      batchSize: sink.limits.maxBatchSize,
      now: new Date(),
    });
    expect(plan.requests).toMatchObject({
      simpleUploads: { units: 83, requests: 83 },
      resumableUploads: { units: 7, requests: 14 },
      createCalls: 3,
      albumLookups: 1,
      albumCreates: 3,
      listing: 0,
    });

    const summary = await (await world.engine({ backend })).run(request);
    expect(summary.complete).toBe(true);
    expectEachCreatedOnce(world);
    const spent = libraryRequests(world);
    const total = Object.values(spent).reduce((sum, n) => sum + n, 0);
    expect(total).toBe(plan.requests.total);
    expect(spent['gphotos.batchCreate']).toBe(plan.requests.createCalls);
    expect(spent['gphotos.albums']).toBe(plan.requests.albumLookups + plan.requests.albumCreates);
    expect((spent['gphotos.upload'] ?? 0) + (spent['gphotos.uploadChunk'] ?? 0)).toBe(
      plan.requests.simpleUploads.requests + plan.requests.resumableUploads.requests,
    );

    const after = planQuota({
      work: quotaWorkOf((await backend.load('quota-plan'))!, sink.limits),
      quota: sink.limits.requestQuota!,
      batchSize: sink.limits.maxBatchSize,
      now: new Date(),
    });
    expect([after.requests.total, after.days]).toEqual([0, 0]);
  });
});
