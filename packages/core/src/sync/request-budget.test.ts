import { describe, expect, it } from 'vitest';
import { isQ2gError } from '../errors/q2g-error.js';
import { planQuota } from '../quota/quota-plan.js';
import { FakeSink, fakeRequestQuota } from '../testing/fake-sink.js';
import { FakeSource, fakeUnit } from '../testing/fake-source.js';
import { createMemoryBackend, createMemoryStore } from '../testing/memory-backend.js';
import { GoProToPhotosSync } from './go-pro-to-photos-sync.js';
import { RequestBudget } from './request-budget.js';

const NOON = Date.parse('2026-01-15T20:00:00Z'); // 12:00 in Los Angeles (PST)
const quota = fakeRequestQuota;

describe('the daily request budget', () => {
  it('counts requests per day of the quota’s time zone and starts again after its midnight', async () => {
    let now = NOON;
    const budget = new RequestBudget({
      quota: quota(10),
      backend: createMemoryBackend(),
      now: () => now,
    });
    budget.spend();
    budget.spend();
    expect(await budget.today()).toMatchObject({ day: '2026-01-15', spent: 2, budget: 10 });
    now = Date.parse('2026-01-16T07:59:00Z'); // 23:59 PST, the same day
    expect((await budget.today())?.spent).toBe(2);
    now = Date.parse('2026-01-16T08:00:00Z'); // midnight PST
    expect(await budget.today()).toMatchObject({
      day: '2026-01-16',
      spent: 0,
      resetAt: '2026-01-17T08:00:00.000Z',
    });
  });

  it('refuses a reservation that would go over the budget, naming the next midnight', async () => {
    const budget = new RequestBudget({
      quota: quota(3),
      backend: createMemoryBackend(),
      now: () => NOON,
    });
    budget.spend();
    const end = await budget.reserve(2);
    const refused = await budget.reserve(1).catch((e: unknown) => e);
    expect(isQ2gError(refused, 'SYNC_DAILY_BUDGET_REACHED')).toBe(true);
    expect((refused as { details: unknown }).details).toMatchObject({
      resumeAt: '2026-01-16T08:00:00.000Z',
      budget: 3,
    });
    // The reservation ended and its two requests were spent: still nothing left.
    budget.spend();
    budget.spend();
    end();
    await expect(budget.reserve(1)).rejects.toMatchObject({ code: 'SYNC_DAILY_BUDGET_REACHED' });
  });

  it('is shared through the backend: a second run sees what the first recorded', async () => {
    const store = createMemoryStore();
    const first = new RequestBudget({
      quota: quota(5),
      backend: createMemoryBackend({ store }),
      now: () => NOON,
    });
    for (let i = 0; i < 4; i++) first.spend();
    // Not written yet: throttled flushes wait for the interval or a forced write.
    await first.flush();
    await first.flush();
    const second = new RequestBudget({
      quota: quota(5),
      backend: createMemoryBackend({ store }),
      now: () => NOON,
    });
    expect((await second.today())?.spent).toBe(4);
    await second.reserve(1);
    await expect(second.reserve(1)).rejects.toMatchObject({ code: 'SYNC_DAILY_BUDGET_REACHED' });
  });

  it('re-reads a shared count older than the flush interval, and counts its own unsaved requests', async () => {
    const store = createMemoryStore();
    let now = NOON;
    const budget = new RequestBudget({
      quota: quota(4),
      backend: createMemoryBackend({ store }),
      now: () => now,
    });
    await budget.reserve(1).then((end) => end());
    // Another run records 2 meanwhile; this run spends 2 without writing them.
    await createMemoryBackend({ store }).recordRequests!({
      counter: 'fake',
      day: '2026-01-15',
      writer: 'other',
      requests: 2,
    });
    budget.spend();
    budget.spend();
    now += 2_000;
    await expect(budget.reserve(1)).rejects.toMatchObject({ code: 'SYNC_DAILY_BUDGET_REACHED' });
    // The refusal wrote this run's spend first.
    expect(await createMemoryBackend({ store }).requestsSpent!('fake', '2026-01-15')).toBe(4);
  });
});

describe('the budget’s reservations', () => {
  /** Whether reserving `reserve` fits a budget of `budget` requests. */
  async function fits(budget: number, reserve: (b: RequestBudget) => Promise<unknown>) {
    const b = new RequestBudget({
      quota: quota(budget),
      backend: createMemoryBackend(),
      now: () => NOON,
    });
    return reserve(b).then(
      () => true,
      () => false,
    );
  }

  it('reserve what the quota plan counts, from the same declared costs', async () => {
    const costs = quota(10_000).costs;
    const small = costs.simpleUploadMaxBytes;
    const large = small + 1;
    // The plan: a small upload 1, a large one 2, one create call, an album lookup and create.
    const plan = planQuota({
      work: { uploadSizes: [small, large], createOnly: 0, album: { opened: false, filled: 0 } },
      quota: quota(10_000),
      batchSize: 50,
      now: new Date(NOON),
    });
    expect(plan.requests).toMatchObject({
      simpleUploads: { requests: 1 },
      resumableUploads: { requests: 2 },
      createCalls: 1,
      albumLookups: 1,
      albumCreates: 1,
    });
    expect(await fits(1, (b) => b.reserveUpload(small, false))).toBe(true);
    expect(await fits(1, (b) => b.reserveUpload(large, false))).toBe(false);
    expect(await fits(2, (b) => b.reserveUpload(large, false))).toBe(true);
    // A resumed upload costs what a resumable one does, whatever its size.
    expect(await fits(1, (b) => b.reserveUpload(small, true))).toBe(false);
    expect(await fits(2, (b) => b.reserveUpload(small, true))).toBe(true);
    expect(await fits(1, (b) => b.reserveCreate())).toBe(true);
    expect(await fits(1, (b) => b.reserveAlbumOpen())).toBe(false);
    expect(await fits(2, (b) => b.reserveAlbumOpen())).toBe(true);
    expect(await fits(1, (b) => b.reserveListingPage())).toBe(true);
  });
});

describe('a run on a daily budget', () => {
  const range = { from: '2024-01-01T00:00:00.000Z', to: '2026-12-31T23:59:59.999Z' };
  const units = Array.from({ length: 6 }, (_, i) => fakeUnit(`m${i}#source`, 1_000 + i));

  function engine(sink: FakeSink, backend: ReturnType<typeof createMemoryBackend>, now: number) {
    return new GoProToPhotosSync({
      source: new FakeSource(units),
      sink,
      backend,
      batchSize: 2,
      concurrency: 2,
      now: () => new Date(now),
    });
  }

  function budgetedSink(budget: number): { sink: FakeSink; requests: () => number } {
    const sink = new FakeSink();
    sink.limits.requestQuota = quota(budget);
    let requests = 0;
    sink.onRequest(() => {
      requests += 1;
    });
    return { sink, requests: () => requests };
  }

  it('stops cleanly before going over the budget, and the next session that day starts with what is left', async () => {
    const store = createMemoryStore();
    const first = budgetedSink(7);
    const summary = await engine(first.sink, createMemoryBackend({ store }), NOON).run({
      sessionId: 'day-1',
      range,
    });
    expect(summary.stopped).toMatchObject({
      code: 'SYNC_DAILY_BUDGET_REACHED',
      resumeAt: '2026-01-16T08:00:00.000Z',
    });
    expect(first.requests()).toBeLessThanOrEqual(7);
    const backend = createMemoryBackend({ store });
    expect(await backend.requestsSpent!('fake', '2026-01-15')).toBe(first.requests());
    // Nothing is left ambiguous: no unit mid-upload or mid-create, no batch open.
    const state = await backend.load('day-1');
    const statuses = Object.values(state!.items).map((item) => item.status);
    expect(statuses.filter((s) => s === 'uploading' || s === 'creating')).toEqual([]);
    expect(Object.values(state!.batches).every((batch) => batch.status === 'done')).toBe(true);
    // Every created unit is in Google exactly once.
    const created = Object.values(state!.items).filter((item) => item.status === 'created');
    expect(first.sink.created).toHaveLength(created.length);

    // A second session the same day gets only the rest of the budget.
    const second = budgetedSink(7);
    const again = await engine(second.sink, createMemoryBackend({ store }), NOON + 60_000).run({
      sessionId: 'day-1-other',
      range,
    });
    expect(again.stopped?.code).toBe('SYNC_DAILY_BUDGET_REACHED');
    expect(first.requests() + second.requests()).toBeLessThanOrEqual(7);

    // The next Pacific day the first session finishes, each unit created once.
    const nextDay = budgetedSink(100);
    const done = await engine(
      nextDay.sink,
      createMemoryBackend({ store }),
      Date.parse('2026-01-16T09:00:00Z'),
    ).run({ sessionId: 'day-1', range });
    expect(done.complete).toBe(true);
    expect(first.sink.created.length + nextDay.sink.created.length).toBe(units.length);
    expect(await backend.requestsSpent!('fake', '2026-01-16')).toBe(nextDay.requests());
  });

  it('counts nothing and refuses nothing when the sink declares no quota', async () => {
    const sink = new FakeSink();
    const backend = createMemoryBackend();
    const summary = await engine(sink, backend, NOON).run({ sessionId: 'free', range });
    expect(summary.complete).toBe(true);
    expect(await backend.requestsSpent!('fake', '2026-01-15')).toBe(0);
  });
});
