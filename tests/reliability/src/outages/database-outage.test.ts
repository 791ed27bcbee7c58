/**
 * A database stopped and started again in the middle of a real `q2google sync`: the engine's
 * backend retries wait it out, and the same run completes with every unit created once.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { ALL_TIME_FLAGS, expectEachCreatedOnce, startWorld } from '@q2google/test-support';
import { describe, expect, it } from 'vitest';
import { availability, stateUriFor } from '../support/backends.js';
import { assertCliBuilt, runCli } from '../support/cli.js';
import {
  canControlPostgres,
  startMongo,
  startPostgres,
  stopMongo,
  stopPostgres,
} from '../support/services.js';

const OUTAGES = [
  { kind: 'postgres', downMs: 10_000, stop: stopPostgres, start: startPostgres },
  { kind: 'mongo', downMs: 5_000, stop: stopMongo, start: startMongo },
] as const;

describe.each(OUTAGES)('the $kind server stopped mid-sync', ({ kind, downMs, stop, start }) => {
  const { run, missing } = availability(kind);
  it.skipIf(!run)(
    `for ${downMs / 1000} s: the same run waits, then completes`,
    async () => {
      if (missing) throw new Error(missing);
      if (kind === 'postgres' && !canControlPostgres()) {
        throw new Error(
          'this test stops the local PostgreSQL cluster: it needs root and pg_ctlcluster',
        );
      }
      assertCliBuilt();
      const world = await startWorld({
        gopro: {
          seed: 41,
          library: { fixtures: false, items: [{ kind: 'photo', count: 80, size: 100_000 }] },
          cdn: { bandwidthBytesPerSecond: 1_000_000 },
        },
      });
      try {
        const env = { ...world.cliEnv, Q2G_STATE_URI: stateUriFor(kind, world.stateDir) };
        let outage: Promise<{ stoppedAt: number; startedAt: number }> | undefined;
        let done = 0;
        const started = Date.now();
        const result = await runCli(['sync', ...ALL_TIME_FLAGS, '--session', 'outage', '--json'], {
          cwd: world.projectDir,
          env,
          onEvent: (event) => {
            if (event.type !== 'unit-done' || ++done !== 20) return;
            outage = (async () => {
              await stop();
              const stoppedAt = Date.now();
              await sleep(downMs);
              await start();
              return { stoppedAt, startedAt: Date.now() };
            })();
          },
        });
        const window = await outage;
        expect(window, 'the outage happened mid-sync').toBeDefined();
        console.info(
          `[reliability] outage/${kind}: down ${window!.startedAt - window!.stoppedAt} ms, ` +
            `run ${Date.now() - started} ms, exit ${result.code}`,
        );
        expect(result.code, result.stderr).toBe(0);
        expectEachCreatedOnce(world);
      } finally {
        await start().catch(() => {});
        await world.close();
      }
    },
    180_000,
  );
});
