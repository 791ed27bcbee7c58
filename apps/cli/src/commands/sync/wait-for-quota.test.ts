import { Q2gError } from '@q2google/core';
import { FakeSink, FakeSource, fakeUnit } from '@q2google/core/testing';
import { describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../../exit-codes.js';
import { run, type TestContext, testContext } from '../../testing/test-context.js';

const RANGE = '--from 2025-01-01 --to 2025-12-31 --session q';
const library = () => [fakeUnit('a', 5_000), fakeUnit('b', 7_000)];
const TWO_HOURS = 2 * 3_600_000;

/** A context whose sink stops the first create on the daily quota, resetting in two hours. */
function quotaOnce(): {
  ctx: TestContext;
  sink: FakeSink;
  resetAt: string;
  requests: () => number;
} {
  const sink = new FakeSink();
  const ctx = testContext({ source: new FakeSource(library()), sink });
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
    expect(ctx.sleeps).toEqual([TWO_HOURS]);
    expect(ctx.out()).toContain(`waiting until ${resetAt}`);
    expect(sink.created.map((item) => item.fileName).sort()).toEqual(['a.JPG', 'b.JPG']);
  });

  it('resume --wait-for-quota waits for a reset recorded by an earlier run', async () => {
    const { ctx, sink } = quotaOnce();
    expect(await run(ctx, `sync ${RANGE}`)).toBe(EXIT_CODES.quota);
    expect(await run(ctx, 'resume q --wait-for-quota')).toBe(EXIT_CODES.success);
    expect(ctx.sleeps).toEqual([TWO_HOURS]);
    expect(sink.created).toHaveLength(2);
  });

  it('prints a heartbeat each minute off a terminal, and Ctrl-C while waiting exits 130', async () => {
    const { ctx, sink } = quotaOnce();
    ctx.clock.sleep = async (ms, signal) => {
      ctx.sleeps.push(ms);
      ctx.tick();
      ctx.interrupt();
      signal.throwIfAborted();
    };
    expect(await run(ctx, `sync ${RANGE} --wait-for-quota`)).toBe(EXIT_CODES.interrupted);
    expect(ctx.out()).toContain('Still waiting for the quota reset at');
    expect(ctx.err()).toContain('Interrupted; state is saved. Resume with: q2google resume q');
    expect(sink.created).toHaveLength(0);
    expect(await run(ctx, 'resume q')).toBe(EXIT_CODES.quota);
  });
});
