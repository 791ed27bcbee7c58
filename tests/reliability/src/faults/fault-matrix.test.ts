/**
 * Every fault kind at every stage, through the real CLI: the sync completes, or stops with a
 * typed error (and a documented exit code) and completes on the next run — after a daily-quota
 * stop, the next run after the reset (one before it exits 5 without a request); nothing is lost
 * or created twice. Prints the table RELIABILITY.md carries.
 */

import {
  ALL_TIME_FLAGS,
  expectEachCreatedOnce,
  startWorld,
  type World,
} from '@q2google/test-support';
import { afterAll, describe, expect, it } from 'vitest';
import { assertCliBuilt, type CliResult, runCli } from '../support/cli.js';
import { FAULT_KINDS, FAULT_MATRIX, type FaultStage, SMALL_ALBUM } from './fault-cells.js';

const STAGES: FaultStage[] = ['discovery', 'transfer', 'create'];
const outcomes = new Map<string, string>();

/** What one run ended with: `complete`, or `exit N CODE`. */
function describeRun(run: CliResult): string {
  if (run.code === 0) return 'complete';
  const error = run.events.find((e) => e.type === 'error');
  return `exit ${run.code} ${error?.code ?? '(no error event)'}`;
}

const cells = FAULT_KINDS.flatMap((kind) =>
  STAGES.map((stage) => ({ kind, stage, cell: FAULT_MATRIX[kind][stage] })),
);

describe.concurrent('a sync with one injected fault', () => {
  for (const { kind, stage, cell } of cells) {
    if ('notApplicable' in cell) {
      outcomes.set(`${kind}|${stage}`, `n/a: ${cell.notApplicable}`);
      continue;
    }
    it(`${kind} during ${stage}: completes, now or on the next run, each unit once`, async () => {
      assertCliBuilt();
      const world = await startWorld({
        gopro: {
          seed: 31,
          search: { maxPerPage: 4 },
          library: {
            fixtures: false,
            items: [
              { kind: 'photo', count: 10, size: 60_000 },
              { kind: 'video', count: 2, size: 400_000 },
              ...(cell.goproItems ?? []),
            ],
          },
          ...(cell.gopro ? { faults: cell.gopro } : {}),
        },
        ...(cell.google ? { googleFaults: cell.google } : {}),
        ...(cell.googleOptions ? { google: cell.googleOptions } : {}),
      });
      try {
        const runs: CliResult[] = [];
        const steps: string[] = [];
        const sync = (env: Record<string, string> = {}) =>
          runCli(['sync', ...ALL_TIME_FLAGS, '--session', 'f', '--json', ...(cell.args ?? [])], {
            cwd: world.projectDir,
            env: { ...world.cliEnv, ...cell.env, ...env },
          });
        let clockStart: Record<string, string> = {};
        for (let attempt = 0; attempt < 3; attempt++) {
          const run = await sync(clockStart);
          runs.push(run);
          steps.push(describeRun(run));
          if (run.code === 0) break;
          // A stopped run names a typed error and exits with a documented code.
          expect(run.code, run.stderr).toBeOneOf([3, 4, 5, 6]);
          expect(run.events.find((e) => e.type === 'error')?.code).toMatch(/^(GOPRO|GPHOTOS)_/);
          expect(run.stderr).toMatch(/resume/i);
          const resetAt = quotaResetOf(run);
          if (resetAt === undefined) continue;
          // The daily quota is used up until resetAt: a run before then exits 5 at once and
          // spends no Google request; then both clocks (the emulator's, and the CLI's through
          // its test-only clock variable) move to the reset, and the next run goes on.
          const requestsBefore = googleRequests(world);
          const early = await sync(clockStart);
          expect(early.code, early.stderr).toBe(5);
          expect(early.stderr).toContain(`resume after ${resetAt}`);
          expect(googleRequests(world), 'a Google request before the reset').toBe(requestsBefore);
          steps.push('exit 5 before the reset, no request');
          world.google.advanceClock(Date.parse(resetAt) - world.google.now());
          clockStart = { Q2G_TEST_CLOCK_START: resetAt };
        }
        outcomes.set(`${kind}|${stage}`, steps.join(' → '));
        expect(runs.at(-1)!.code, runs.at(-1)!.stderr).toBe(0);
        const fired = [...world.gopro.faults.injected, ...world.google.faults.injected];
        expect(fired.length, 'the fault was injected').toBeGreaterThan(0);
        expectEachCreatedOnce(world);
        // No album past its capacity, and no item in two albums.
        const albums = world.google.inspect().albums;
        for (const album of albums) expect(album.itemIds.length).toBeLessThanOrEqual(SMALL_ALBUM);
        const placed = albums.flatMap((album) => album.itemIds);
        expect(new Set(placed).size, 'an item in two albums').toBe(placed.length);
      } finally {
        await world.close();
      }
    });
  }
});

/** When a run's daily-quota stop says the quota resets (its summary's `resumeAt`), if it does. */
function quotaResetOf(run: CliResult): string | undefined {
  const summary = run.events.find((e) => e.type === 'summary')?.summary as
    | { stopped?: { code?: string; resumeAt?: string } }
    | undefined;
  const stopped = summary?.stopped;
  return stopped?.code === 'GPHOTOS_QUOTA_EXHAUSTED' ? stopped.resumeAt : undefined;
}

/** Every request the Google emulator has answered so far, on any route. */
function googleRequests(world: World): number {
  return Object.values(world.google.requestCounts()).reduce((sum, n) => sum + n, 0);
}

afterAll(() => {
  const rows = FAULT_KINDS.map(
    (kind) =>
      `| ${kind} | ${STAGES.map((s) => outcomes.get(`${kind}|${s}`) ?? 'FAILED').join(' | ')} |`,
  );
  console.info(
    `[reliability] fault matrix\n| fault | ${STAGES.join(' | ')} |\n|---|---|---|---|\n${rows.join('\n')}`,
  );
});
