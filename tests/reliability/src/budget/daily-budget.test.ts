/**
 * The daily request budget through the real CLI: a sync on a small budget stops with exit 5
 * before the Google emulator has seen more requests than the budget, `status` reports the same
 * count the emulator keeps, another session the same day only gets what is left, and the
 * stopped session completes on a larger budget with each unit created once.
 */

import { ALL_TIME_FLAGS, expectEachCreatedOnce, startWorld } from '@q2google/test-support';
import { describe, expect, it } from 'vitest';
import { assertCliBuilt, runCli } from '../support/cli.js';

const BUDGET = 6;

describe('the daily request budget, end to end', () => {
  it('stops at the budget with exit 5, shares it between sessions, and resumes cleanly', async () => {
    assertCliBuilt();
    const world = await startWorld({
      gopro: {
        seed: 7,
        library: { fixtures: false, items: [{ kind: 'photo', count: 12, size: 40_000 }] },
      },
    });
    try {
      const env = { ...world.cliEnv, Q2G_DAILY_REQUEST_BUDGET: String(BUDGET) };
      const sync = (session: string, more: Record<string, string> = {}) =>
        runCli(['sync', ...ALL_TIME_FLAGS, '--session', session, '--json'], {
          cwd: world.projectDir,
          env: { ...env, ...more },
        });

      const first = await sync('b1');
      expect(first.code, first.stderr).toBe(5);
      expect(first.events.find((e) => e.type === 'error')?.code).toBe('SYNC_DAILY_BUDGET_REACHED');
      expect(first.stderr).toMatch(/resume|run again/i);
      const spent = world.google.quotaToday().requests;
      expect(spent).toBeGreaterThan(0);
      expect(spent).toBeLessThanOrEqual(BUDGET);

      const status = await runCli(['status', 'b1', '--json'], { cwd: world.projectDir, env });
      expect(status.code, status.stderr).toBe(0);
      const today = JSON.parse(status.stdout.trim().split('\n').at(-1)!).googleRequestsToday;
      expect(today).toMatchObject({ spent, budget: BUDGET, left: BUDGET - spent, counted: true });
      expect(today.resetAt).toBe(world.google.quotaToday().resetAt);

      // Another session the same Pacific day starts with what is left, and stops too.
      const second = await sync('b2');
      expect(second.code, second.stderr).toBe(5);
      expect(world.google.quotaToday().requests).toBeLessThanOrEqual(BUDGET);

      // With room in the budget the first session finishes; nothing is created twice.
      const resumed = await sync('b1', { Q2G_DAILY_REQUEST_BUDGET: '10000' });
      expect(resumed.code, resumed.stderr).toBe(0);
      expectEachCreatedOnce(world);
      const after = await runCli(['status', 'b1', '--json'], { cwd: world.projectDir, env });
      const counted = JSON.parse(after.stdout.trim().split('\n').at(-1)!).googleRequestsToday;
      expect(counted.spent).toBe(world.google.quotaToday().requests);
    } finally {
      await world.close();
    }
  });
});
