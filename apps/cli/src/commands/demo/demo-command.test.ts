import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackendRegistry } from '@q2google/core';
import { describe, expect, it } from 'vitest';
import { run, testContext } from '../../testing/test-context.js';
import { demoSessionId } from './demo-command.js';

describe('q2google demo', () => {
  it('syncs a generated library between the in-process emulators with no credentials', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'q2g-demo-'));
    const ctx = testContext({ cwd });
    ctx.services.registry = () => createBackendRegistry({ cwd });
    expect(await run(ctx, 'demo --items 6')).toBe(0);
    const out = ctx.out();
    expect(out).toContain(`Session ${demoSessionId(ctx.clock.now())}: complete`);
    expect(out).toMatch(/skipped\s+2\s+not-ready 1, unsupported-type 1/);
    const created = Number(/created\s+(\d+)/.exec(out)?.[1]);
    expect(created).toBeGreaterThan(10);
    expect(out).toContain(
      `Emulated Google Photos now holds ${created} items, ${created} in the album "q2google demo"`,
    );
  });

  it("logs in to the emulators only, whatever GoPro login the user's settings hold", async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'q2g-demo-'));
    const ctx = testContext({ cwd, env: { Q2G_GOPRO_TOKEN: 'a-real-users-token' } });
    ctx.services.registry = () => createBackendRegistry({ cwd });
    expect(await run(ctx, 'demo --items 0')).toBe(0);
    expect(ctx.out()).toContain(`Session ${demoSessionId(ctx.clock.now())}: complete`);
  });

  it('names sessions after the clock', () => {
    expect(demoSessionId(Date.parse('2025-06-01T08:15:00Z'))).toBe('demo-20250601-081500');
  });
});
