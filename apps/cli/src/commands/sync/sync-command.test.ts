import { Q2gError, QuotaPlanSchema } from '@q2google/core';
import { FakeSink, FakeSource, fakeRequestQuota, fakeUnit } from '@q2google/core/testing';
import { describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../../exit-codes.js';
import { run, testContext } from '../../testing/test-context.js';

const RANGE = '--from 2025-01-01 --to 2025-12-31';
const library = () => [fakeUnit('a', 5_000), fakeUnit('b', 7_000), fakeUnit('c', 9_000)];

describe('q2google sync', () => {
  it('creates every unit, prints a summary and exits 0', async () => {
    const sink = new FakeSink();
    const ctx = testContext({ source: new FakeSource(library()), sink });
    expect(await run(ctx, `sync ${RANGE} --album Trip`)).toBe(EXIT_CODES.success);
    expect(sink.created.map((item) => item.fileName).sort()).toEqual(['a.JPG', 'b.JPG', 'c.JPG']);
    expect(ctx.out()).toContain('Session gopro-2025-01-01-to-2025-12-31: complete');
    expect(ctx.out()).toMatch(/created\s+3\s+\(3 this run\)/);
    expect(ctx.out()).toMatch(/bytes\s+21\.0 KB\s+this run, 0 B left/);
  });

  it('resumes the same session when the same command runs again', async () => {
    const sink = new FakeSink();
    const ctx = testContext({ source: new FakeSource(library()), sink });
    await run(ctx, `sync ${RANGE}`);
    expect(await run(ctx, `sync ${RANGE}`)).toBe(EXIT_CODES.success);
    expect(sink.created).toHaveLength(3);
    expect(ctx.out()).toContain('(0 this run)');
  });

  it('on a dry run lists what would be transferred and skipped, with why and total bytes', async () => {
    const sink = new FakeSink();
    const units = [
      ...library(),
      fakeUnit('huge', 5_000_000),
      fakeUnit('edit', 10, {
        skip: { reason: 'unsupported-type', detail: 'a .360 file' },
      }),
    ];
    const ctx = testContext({ source: new FakeSource(units), sink });
    expect(await run(ctx, `sync ${RANGE} --dry-run`)).toBe(EXIT_CODES.success);
    expect(sink.created).toEqual([]);
    const out = ctx.out();
    expect(out).toContain('Would transfer 3 units, 21.0 KB in total:');
    expect(out).toContain('Would skip 2 units (too-large 1, unsupported-type 1):');
    expect(out).toContain('edit.JPG  unsupported-type: a .360 file');
    expect(out).toMatch(/huge\.JPG\s+too-large: 5000000 bytes is over/);
    expect(out).toContain('Run it with: q2google resume gopro-2025-01-01-to-2025-12-31');
  });

  it('on a dry run shows the quota plan: requests by kind, days, and when the quota day ends', async () => {
    const units = [...library(), fakeUnit('long', 150_000)];
    const sink = new FakeSink();
    sink.limits.requestQuota = fakeRequestQuota();
    const ctx = testContext({ source: new FakeSource(units), sink });
    expect(await run(ctx, `sync ${RANGE} --album Trip --dry-run`)).toBe(EXIT_CODES.success);
    const out = ctx.out();
    // 3 small uploads + 1 resumable (2) + 1 create call + 1 album lookup + 1 album create
    expect(out).toContain('Google requests needed: 8 requests → 1 day at 10,000 a day');
    expect(out).toContain('uploads: 3 small = 3, 1 large (resumable) = 2');
    expect(out).toContain('create calls: 1; albums: 1 lookup + 1 created (1 album); listing: 0');
    expect(out).toContain('(midnight America/Los_Angeles, 2025-06-16T07:00:00.000Z)');
  });

  it('with --json, a dry run writes the quota plan as one record that its schema accepts', async () => {
    const sink = new FakeSink();
    sink.limits.requestQuota = fakeRequestQuota();
    const ctx = testContext({ source: new FakeSource(library()), sink });
    expect(await run(ctx, `sync ${RANGE} --dry-run --json`)).toBe(EXIT_CODES.success);
    const records = ctx
      .out()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const record = records.find((r) => r.type === 'dry-run-quota-plan');
    const plan = QuotaPlanSchema.parse(record.quotaPlan);
    expect(plan.requests).toMatchObject({ total: 4, createCalls: 1, albumLookups: 0 });
    expect([plan.days, plan.dailyBudget, plan.timeZone]).toEqual([
      1,
      10_000,
      'America/Los_Angeles',
    ]);
  });

  it('on a dry run plans at the sink’s configured budget, the first day holding what today left', async () => {
    const sink = new FakeSink();
    sink.limits.requestQuota = fakeRequestQuota(3);
    const ctx = testContext({ source: new FakeSource(library()), sink });
    // The test clock's Pacific day already has 2 of the 3 requests spent by another run.
    await ctx.backend.recordRequests!({
      counter: 'fake',
      day: '2025-06-15',
      writer: 'other-run',
      requests: 2,
    });
    expect(await run(ctx, `sync ${RANGE} --dry-run`)).toBe(EXIT_CODES.success);
    // 3 uploads + 1 create call: 1 today, then 3 tomorrow.
    expect(ctx.out()).toContain(
      'Google requests needed: 4 requests → 2 days at 3 a day, 2 already spent today',
    );
  });

  it('exits 3 with the retry command when units failed', async () => {
    const source = new FakeSource(library());
    source.failOpen = (u) =>
      u.key === 'b' ? new Q2gError('GOPRO_NOT_FOUND', 'The media is gone.') : undefined;
    const ctx = testContext({ source });
    expect(await run(ctx, `sync ${RANGE} --session s1`)).toBe(EXIT_CODES.partial);
    expect(ctx.out()).toContain('GOPRO_NOT_FOUND ×1 (permanent): The media is gone.');
    expect(ctx.err()).toContain('1 unit failed. Try them again with: q2google retry s1');
    source.failOpen = undefined;
    expect(await run(ctx, 'retry s1')).toBe(EXIT_CODES.success);
  });

  it('stops gracefully on the first Ctrl-C, saved, and says how to resume', async () => {
    const source = new FakeSource(library());
    const ctx = testContext({ source });
    source.failOpen = () => void ctx.interrupt();
    const code = await run(ctx, `sync ${RANGE} --session trip --state ./elsewhere`);
    expect(code).toBe(EXIT_CODES.interrupted);
    expect(ctx.err()).toContain('Stopping: finishing the current step and saving state');
    expect(ctx.err()).toContain(
      'Interrupted; state is saved. Resume with: q2google resume trip --state ./elsewhere',
    );
    source.failOpen = undefined;
    expect(await run(ctx, 'resume trip')).toBe(EXIT_CODES.success);
    expect(ctx.out()).toContain('Session trip: complete');
  });

  it('aborts at once on a second Ctrl-C', async () => {
    const source = new FakeSource(library());
    const ctx = testContext({ source });
    source.failOpen = () => {
      ctx.interrupt();
      ctx.interrupt();
      return undefined;
    };
    await run(ctx, `sync ${RANGE}`).catch(() => undefined);
    expect(ctx.exitCode).toBe(EXIT_CODES.interrupted);
    expect(ctx.err()).toContain('Aborted.');
  });

  it('maps a run-stopping error to its exit code and message', async () => {
    const source = new FakeSource(library());
    source.failOpen = () =>
      new Q2gError('GPHOTOS_QUOTA_EXHAUSTED', 'The daily quota is used up.', {
        details: { resumeAt: '2025-06-02T07:00:00.000Z' },
      });
    const ctx = testContext({ source });
    expect(await run(ctx, `sync ${RANGE} --session q`)).toBe(EXIT_CODES.quota);
    expect(ctx.err()).toContain(
      'The daily quota is used up. State is saved; resume after 2025-06-02T07:00:00.000Z with: q2google resume q',
    );
  });

  it('prints the engine events as NDJSON with --json', async () => {
    const ctx = testContext({ source: new FakeSource(library()) });
    expect(await run(ctx, `sync ${RANGE} --json`)).toBe(EXIT_CODES.success);
    const events = ctx
      .out()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string });
    expect(events[0]?.type).toBe('session');
    expect(events.at(-1)?.type).toBe('summary');
    expect(events.filter((e) => e.type === 'unit-done')).toHaveLength(6);
  });

  it('refuses a missing range and a bad date with one line and exit 2', async () => {
    const ctx = testContext();
    expect(await run(ctx, 'sync --from 2025-01-01')).toBe(EXIT_CODES.usage);
    expect(ctx.err()).toContain(
      'error: sync needs a capture-date range. Give both --from and --to',
    );
    expect(await run(ctx, 'sync --from 2025-02-30 --to 2025-03-01')).toBe(EXIT_CODES.usage);
    expect(ctx.err()).toContain('--from "2025-02-30" is not a date.');
  });
});
