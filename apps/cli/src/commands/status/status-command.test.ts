import { Q2gError, type SyncStateBackend } from '@q2google/core';
import { FakeSink, FakeSource, fakeRequestQuota, fakeUnit } from '@q2google/core/testing';
import { googleRequestQuota } from '@q2google/sink-gphotos';
import { describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../../exit-codes.js';
import { run, testContext } from '../../testing/test-context.js';

async function syncedContext() {
  const source = new FakeSource([fakeUnit('a', 4_000), fakeUnit('b', 6_000), fakeUnit('c', 1_000)]);
  source.failOpen = (u) =>
    u.key === 'c'
      ? new Q2gError('GOPRO_HTTP', 'HTTP 503 from GoPro', { retryable: true })
      : undefined;
  const ctx = testContext({ source });
  await run(ctx, 'sync --from 2025-01-01 --to 2025-12-31 --session s1');
  return ctx;
}

describe('q2google status', () => {
  it('shows counts by status, bytes done and left, and failures grouped by reason', async () => {
    const ctx = await syncedContext();
    const before = ctx.out().length;
    expect(await run(ctx, 'status s1')).toBe(0);
    const out = ctx.out().slice(before);
    expect(out).toContain('Session s1: has failures');
    expect(out).toMatch(/created\s+2/);
    expect(out).toMatch(/failed\s+1/);
    expect(out).toMatch(/bytes\s+10\.0 KB done\s+1\.00 KB left/);
    expect(out).toContain('Failures by reason:');
    expect(out).toContain('GOPRO_HTTP ×1 (retryable): HTTP 503 from GoPro');
    expect(out).toContain('e.g. c');
  });

  it('names every album the session used, after the sync and in the status', async () => {
    const sink = new FakeSink();
    sink.limits.albumCapacity = 2;
    const source = new FakeSource([fakeUnit('a', 10), fakeUnit('b', 20), fakeUnit('c', 30)]);
    const ctx = testContext({ source, sink });
    await run(ctx, 'sync --from 2025-01-01 --to 2025-12-31 --session s1 --album Trip');
    expect(ctx.out()).toContain('albums: "Trip" 2, "Trip (2)" 1');
    const before = ctx.out().length;
    expect(await run(ctx, 'status s1')).toBe(0);
    expect(ctx.out().slice(before)).toContain('albums: "Trip" 2, "Trip (2)" 1');
  });

  it('shows what is left of the quota plan: a dry-run session needs all of it, a finished one none', async () => {
    const source = new FakeSource([fakeUnit('a', 10), fakeUnit('b', 20), fakeUnit('c', 150_000)]);
    const sink = new FakeSink();
    sink.limits.requestQuota = fakeRequestQuota();
    const ctx = testContext({ source, sink });
    await run(ctx, 'sync --from 2025-01-01 --to 2025-12-31 --session s1 --dry-run');
    let before = ctx.out().length;
    expect(await run(ctx, 'status s1')).toBe(0);
    expect(ctx.out().slice(before)).toContain(
      'Google requests left: 5 requests → 1 day at 10,000 a day',
    );
    await run(ctx, 'resume s1');
    before = ctx.out().length;
    expect(await run(ctx, 'status s1 --json')).toBe(0);
    const status = JSON.parse(ctx.out().slice(before));
    expect([status.quotaPlan.requests.total, status.quotaPlan.days]).toEqual([0, 0]);
  });

  it('plans the days from the configured budget and what today has left of it', async () => {
    const source = new FakeSource([fakeUnit('a', 10), fakeUnit('b', 20), fakeUnit('c', 150_000)]);
    const sink = new FakeSink();
    sink.limits.requestQuota = fakeRequestQuota(4);
    const ctx = testContext({ source, sink });
    await run(ctx, 'sync --from 2025-01-01 --to 2025-12-31 --session s1 --dry-run');
    // Another run spent 3 of today's 4: the session's 5 requests take today's 1, then 4 more.
    await ctx.backend.recordRequests!({
      counter: 'fake',
      day: '2025-06-15',
      writer: 'other-run',
      requests: 3,
    });
    const before = ctx.out().length;
    expect(await run(ctx, 'status s1')).toBe(0);
    const out = ctx.out().slice(before);
    expect(out).toContain('Google requests today: 3 of 4, 1 left');
    expect(out).toContain(
      'Google requests left: 5 requests → 2 days at 4 a day, 3 already spent today',
    );
  });

  it('shows the newest session without an id, and its JSON with --json', async () => {
    const ctx = await syncedContext();
    const before = ctx.out().length;
    expect(await run(ctx, 'status --json')).toBe(0);
    const status = JSON.parse(ctx.out().slice(before));
    expect(status).toMatchObject({ type: 'status', sessionId: 's1', bytesDone: 10_000 });
    expect(status.counts).toEqual({ created: 2, failed: 1 });
  });

  it('shows the Google requests every run spent today against the daily budget', async () => {
    const sink = new FakeSink();
    // The sink declares the configured budget (Q2G_DAILY_REQUEST_BUDGET=500).
    sink.limits.requestQuota = googleRequestQuota({ dailyBudget: 500 });
    const source = new FakeSource([fakeUnit('a', 10), fakeUnit('b', 20)]);
    const ctx = testContext({ source, sink });
    await run(ctx, 'sync --from 2025-01-01 --to 2025-12-31 --session s1');
    // The test clock (1_750_000_000_000) is 2025-06-15 08:06 in Los Angeles: the sync spent 3
    // requests (2 uploads, 1 create) that day, and another tool's run recorded 40.
    await ctx.backend.recordRequests!({
      counter: 'gphotos',
      day: '2025-06-15',
      writer: 'other-run',
      requests: 40,
    });
    const before = ctx.out().length;
    expect(await run(ctx, 'status s1')).toBe(0);
    const reset = new Date('2025-06-16T07:00:00.000Z');
    const local = `${String(reset.getHours()).padStart(2, '0')}:${String(reset.getMinutes()).padStart(2, '0')}`;
    expect(ctx.out().slice(before)).toContain(
      `Google requests today: 43 of 500, 457 left (resets at ${local} local / midnight Pacific)`,
    );
    const json = ctx.out().length;
    expect(await run(ctx, 'status s1 --json')).toBe(0);
    expect(JSON.parse(ctx.out().slice(json)).googleRequestsToday).toEqual({
      day: '2025-06-15',
      spent: 43,
      budget: 500,
      left: 457,
      resetAt: '2025-06-16T07:00:00.000Z',
      counted: true,
    });
  });

  it('says clearly when the session does not exist', async () => {
    const ctx = testContext();
    expect(await run(ctx, 'status nope')).toBe(EXIT_CODES.usage);
    expect(ctx.err()).toContain('error: There is no session "nope" in .q2google/state.');
  });

  it('asks for an id when the backend cannot list sessions', async () => {
    const plain: SyncStateBackend = { load: async () => null, save: async () => {} };
    const ctx = testContext({ backend: plain });
    expect(await run(ctx, 'status')).toBe(EXIT_CODES.usage);
    expect(ctx.err()).toContain('cannot list sessions. Name the session id explicitly');
    expect(await run(ctx, 'sessions')).toBe(EXIT_CODES.usage);
  });
});

describe('q2google sessions', () => {
  it('lists sessions with their range and progress', async () => {
    const ctx = await syncedContext();
    const before = ctx.out().length;
    expect(await run(ctx, 'sessions')).toBe(0);
    const lines = ctx.out().slice(before).trim().split('\n');
    expect(lines[0]).toMatch(/^ID\s+RANGE\s+PROGRESS\s+UPDATED$/);
    expect(lines[1]).toMatch(/^s1\s+2025-01-01 → 2025-12-31\s+2\/3 done, 1 failed/);
  });

  it('says there are none yet', async () => {
    const ctx = testContext();
    expect(await run(ctx, 'sessions')).toBe(0);
    expect(ctx.out()).toContain('No sessions in .q2google/state yet.');
  });
});
