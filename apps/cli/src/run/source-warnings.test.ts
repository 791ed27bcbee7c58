import { FakeSink, FakeSource, fakeUnit } from '@q2google/core/testing';
import { describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../exit-codes.js';
import { run, testContext } from '../testing/test-context.js';

const RANGE = '--from 2025-01-01 --to 2025-12-31';
const GAP = 'GoPro changed while listed; 1 of 3 items were not found.';

/** A source whose listing ends with a gap warning. */
function gappySource() {
  const source = new FakeSource([fakeUnit('a', 1_000), fakeUnit('b', 2_000)]);
  const listUnits = source.listUnits.bind(source);
  source.listUnits = async function* (request) {
    for await (const page of listUnits(request)) {
      yield page.cursor === null ? { ...page, warnings: [GAP] } : page;
    }
  };
  return source;
}

describe('what the source warned about while listing', () => {
  it('is shown by the dry run, the summary and q2google status', async () => {
    const ctx = testContext({ source: gappySource(), sink: new FakeSink() });
    expect(await run(ctx, `sync ${RANGE} --dry-run`)).toBe(EXIT_CODES.success);
    expect(ctx.out()).toContain(`Warnings (1):\n  ${GAP}`);
    let before = ctx.out().length;
    expect(await run(ctx, `sync ${RANGE}`)).toBe(EXIT_CODES.success);
    expect(ctx.out().slice(before)).toContain(`Warnings (1):\n  ${GAP}`);
    before = ctx.out().length;
    expect(await run(ctx, 'status')).toBe(0);
    expect(ctx.out().slice(before)).toContain(`Warnings (1):\n  ${GAP}`);
    before = ctx.out().length;
    expect(await run(ctx, 'status --json')).toBe(0);
    expect(JSON.parse(ctx.out().slice(before)).warnings).toEqual([GAP]);
  });
});
