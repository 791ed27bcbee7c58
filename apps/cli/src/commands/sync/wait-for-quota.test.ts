import { Q2gError } from '@q2google/core';
import { FakeSink, FakeSource, fakeRequestQuota, fakeUnit } from '@q2google/core/testing';
import { describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../../exit-codes.js';
import { QUOTA_RESET_MARGIN_MS } from '../../run/quota-wait.js';
import { run, type TestContext, testContext } from '../../testing/test-context.js';

const RANGE = '--from 2025-01-01 --to 2025-12-31 --session q';
const library = () => [fakeUnit('a', 5_000), fakeUnit('b', 7_000)];
const TWO_HOURS = 2 * 3_600_000;

/** A context whose sink stops the first create on the daily quota, resetting in two hours. */
function quotaOnce(options: { tty?: boolean } = {}): {
  ctx: TestContext;
  sink: FakeSink;
  resetAt: string;
  requests: () => number;
} {
  const sink = new FakeSink();
  const ctx = testContext({ source: new FakeSource(library()), sink, ...options });
  const resetAt = new Date(ctx.clock.now() + TWO_HOURS).toISOString();
  sink.failCreate = (call) =>
    call === 1
      ? new Q2gError('GPHOTOS_QUOTA_EXHAUSTED', 'The daily quota is used up.', {
          details: { resumeAt: resetAt },
        })
      : undefined;
  let count = 0;
  sink.onRequest(() => count++);
  return { ctx, sink, resetAt, requests: () => count };
}

describe('a daily-quota stop', () => {
  it('on the daily request budget, with --wait-for-quota: waits until the reset, then completes', async () => {
    // A budget of 2 a Pacific day: both uploads fit today, their create call only tomorrow.
    const sink = new FakeSink();
    sink.limits.requestQuota = fakeRequestQuota(2);
    let requests = 0;
    sink.onRequest(() => requests++);
    const ctx = testContext({ source: new FakeSource(library()), sink });
    // The test clock is 2025-06-15 08:06 in Los Angeles; the budget's day ends at its midnight.
    const midnight = Date.parse('2025-06-16T07:00:00.000Z');
    const waitMs = midnight - ctx.clock.now() + QUOTA_RESET_MARGIN_MS;
    expect(await run(ctx, `sync ${RANGE} --wait-for-quota`)).toBe(EXIT_CODES.success);
    expect(ctx.sleeps).toEqual([waitMs]);
    expect(ctx.out()).toContain(
      "Today's Google request budget is reached; waiting until 2025-06-16T07:00:00.000Z and 1 min more",
    );
    expect(sink.created.map((item) => item.fileName).sort()).toEqual(['a.JPG', 'b.JPG']);
    // Nothing went over the budget: 2 uploads the first day, 1 create call the next.
    expect(requests).toBe(3);
    expect(sink.createCalls).toHaveLength(1);
  });

  it('on the daily request budget, without --wait-for-quota: exits 5 and does not wait', async () => {
    const sink = new FakeSink();
    sink.limits.requestQuota = fakeRequestQuota(2);
    const ctx = testContext({ source: new FakeSource(library()), sink });
    expect(await run(ctx, `sync ${RANGE}`)).toBe(EXIT_CODES.quota);
    expect(ctx.sleeps).toEqual([]);
    expect(sink.created).toHaveLength(0);
  });

  it('without --wait-for-quota: exits 5, and a resume before the reset sends nothing', async () => {
    const { ctx, sink, resetAt, requests } = quotaOnce();
    expect(await run(ctx, `sync ${RANGE}`)).toBe(EXIT_CODES.quota);
    const before = requests();
    expect(await run(ctx, 'resume q')).toBe(EXIT_CODES.quota);
    expect(requests()).toBe(before);
    expect(ctx.err()).toContain(`resume after ${resetAt} with: q2google resume q`);
    expect(ctx.sleeps).toEqual([]);
    expect(sink.created).toHaveLength(0);
  });

  it('with --wait-for-quota: waits until the reset, then completes', async () => {
    const { ctx, sink, resetAt } = quotaOnce();
    expect(await run(ctx, `sync ${RANGE} --wait-for-quota`)).toBe(EXIT_CODES.success);
    expect(ctx.sleeps).toEqual([TWO_HOURS + QUOTA_RESET_MARGIN_MS]);
    expect(ctx.out()).toContain(`waiting until ${resetAt}`);
    expect(ctx.err()).toContain(
      `waiting for Google's daily quota to reset at ${resetAt} (in 2 h 00 min)`,
    );
    expect(sink.created.map((item) => item.fileName).sort()).toEqual(['a.JPG', 'b.JPG']);
  });

  it('resume --wait-for-quota waits for a reset recorded by an earlier run', async () => {
    const { ctx, sink } = quotaOnce();
    expect(await run(ctx, `sync ${RANGE}`)).toBe(EXIT_CODES.quota);
    expect(await run(ctx, 'resume q --wait-for-quota')).toBe(EXIT_CODES.success);
    expect(ctx.sleeps).toEqual([TWO_HOURS + QUOTA_RESET_MARGIN_MS]);
    expect(sink.created).toHaveLength(2);
  });

  it('off a terminal prints a heartbeat each minute; Ctrl-C while waiting exits 130', async () => {
    const { ctx, sink, resetAt, requests } = quotaOnce();
    ctx.clock.sleep = async (ms, signal) => {
      ctx.sleeps.push(ms);
      ctx.clock.now = () => Date.parse(resetAt) - 3 * 60_000;
      ctx.tick();
      ctx.interrupt();
      signal.throwIfAborted();
    };
    expect(await run(ctx, `sync ${RANGE} --wait-for-quota`)).toBe(EXIT_CODES.interrupted);
    const beats = ctx
      .err()
      .split('\n')
      .filter((line) => line.startsWith('waiting for Google'));
    expect(beats).toEqual([
      `waiting for Google's daily quota to reset at ${resetAt} (in 2 h 00 min)`,
      `waiting for Google's daily quota to reset at ${resetAt} (in 3 min 00 s)`,
    ]);
    expect(ctx.err()).toContain('Interrupted; state is saved. Resume with: q2google resume q');
    expect(sink.created).toHaveLength(0);
    // The reset is still remembered: a resume before it sends nothing.
    const before = requests();
    expect(await run(ctx, 'resume q')).toBe(EXIT_CODES.quota);
    expect(requests()).toBe(before);
  });

  it('on a terminal counts down in place and clears the countdown when it goes on', async () => {
    const { ctx, resetAt } = quotaOnce({ tty: true });
    ctx.clock.sleep = async (ms) => {
      ctx.sleeps.push(ms);
      ctx.tick();
      ctx.clock.now = () => Date.parse(resetAt);
    };
    expect(await run(ctx, `sync ${RANGE} --wait-for-quota`)).toBe(EXIT_CODES.success);
    const countdown = `waiting for Google's daily quota to reset at ${resetAt} (in 2 h 00 min)`;
    const frames = ctx
      .err()
      .split('\n')
      .filter((line) => line.includes(countdown));
    expect(frames.length).toBeGreaterThanOrEqual(2);
    const last = ctx.rawErr().lastIndexOf(countdown);
    expect(ctx.rawErr().indexOf('\u001b[1A\u001b[0J', last)).toBeGreaterThan(last);
  });

  it('with --json prints one quota-wait record', async () => {
    const { ctx, resetAt } = quotaOnce();
    expect(await run(ctx, `sync ${RANGE} --wait-for-quota --json`)).toBe(EXIT_CODES.success);
    const records = ctx
      .out()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { type: string; resumeAt?: string });
    expect(records.filter((record) => record.type === 'quota-wait')).toEqual([
      { type: 'quota-wait', resumeAt: resetAt },
    ]);
  });
});
