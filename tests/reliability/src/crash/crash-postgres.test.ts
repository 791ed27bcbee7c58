import { describe, expect, it } from 'vitest';
import { availability } from '../support/backends.js';
import { assertCliBuilt } from '../support/cli.js';
import { runCrashMatrix } from './crash-matrix.js';

const { run, missing } = availability('postgres');

describe('q2google sync on the postgres backend, SIGKILLed at 25 seeded points', () => {
  it.skipIf(!run)(
    'resumes every time; every unit ends created exactly once',
    async () => {
      if (missing) throw new Error(missing);
      assertCliBuilt();
      const report = await runCrashMatrix('postgres', 202);
      console.info(`[reliability] crash/postgres: ${JSON.stringify(report)}`);
      expect(report.kills).toHaveLength(25);
      // Where the kills really landed (a trigger that did not fire in time became a random time).
      const landed = new Set(report.kills.map((kill) => kill.at));
      expect(landed.size, [...landed].join(', ')).toBeGreaterThanOrEqual(4);
      expect(landed).toContain('discovery');
    },
    240_000,
  );
});
