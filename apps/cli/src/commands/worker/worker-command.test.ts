import type { SyncStateBackend } from '@q2google/core';
import { FakeSink, FakeSource, fakeUnit } from '@q2google/core/testing';
import { describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../../exit-codes.js';
import { run, testContext } from '../../testing/test-context.js';

describe('q2google worker', () => {
  it('refuses a backend without leases, saying what to use instead', async () => {
    const plain: SyncStateBackend = { load: async () => null, save: async () => {} };
    const ctx = testContext({ backend: plain });
    expect(await run(ctx, 'worker --session s1 --state ./state')).toBe(EXIT_CODES.usage);
    expect(ctx.err()).toContain('cannot share a session between workers (no leases).');
    expect(ctx.err()).toContain('Use a postgres:// or mongodb:// --state');
  });

  it('needs a session id', async () => {
    const ctx = testContext();
    expect(await run(ctx, 'worker')).toBe(EXIT_CODES.usage);
    expect(ctx.err()).toContain('worker needs the session to work on.');
  });

  it('works a session to the end on a backend with leases', async () => {
    const sink = new FakeSink();
    const units = [fakeUnit('a', 3_000), fakeUnit('b', 4_000), fakeUnit('c', 5_000)];
    const ctx = testContext({ source: new FakeSource(units), sink });
    const code = await run(
      ctx,
      'worker --session shared --from 2025-01-01 --to 2025-12-31 --worker-id w1',
    );
    expect(code).toBe(EXIT_CODES.success);
    expect(sink.created.map((item) => item.fileName).sort()).toEqual(['a.JPG', 'b.JPG', 'c.JPG']);
    expect(ctx.out()).toContain('Session shared: complete');
  });
});
