/**
 * The crash matrix of one backend: the real `q2google sync` is SIGKILLed at a seeded schedule of
 * moments across discovery, transfer and create (and, on the JSON backend, inside a file write),
 * resumed each time, and checked after every kill: the session still loads, nothing in Google
 * Photos exists twice. The last run completes and every unit exists exactly once.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ALL_TIME_FLAGS,
  expectEachCreatedOnce,
  startWorld,
  type World,
} from '@q2google/test-support';
import { expect } from 'vitest';
import { type BackendKind, openStateUri, stateUriFor } from '../support/backends.js';
import { type CliEvent, type CliResult, runCli } from '../support/cli.js';
import { type CrashMoment, crashSchedule, type PlannedKill } from './crash-moments.js';

const HOOK = fileURLToPath(new URL('../support/fs-pause-hook.mjs', import.meta.url));
const SESSION = 'crash';
/** Files above this go through a resumable upload in the CLI's sink (32 MiB raw limit). */
const RESUMABLE_OVER = 32 * 1024 * 1024;
/**
 * A run whose trigger has not fired this long after its session opened (or after it started,
 * if the session never opens) is killed anyway: a kill at a random time.
 */
const FALLBACK_MS = 3_000;
const STARTUP_FALLBACK_MS = 15_000;

/** What a crash matrix did, for the report. */
export interface CrashReport {
  kind: BackendKind;
  kills: { moment: CrashMoment; at: string }[];
  runs: number;
  unitsCreated: number;
  /** Temp files a killed JSON write left behind (ignored by readers). */
  tempFilesLeft: number;
}

/** A library with many small photos (many pages, batches) and two videos over the raw limit. */
export function crashWorld(seed: number, photos: number): Promise<World> {
  return startWorld({
    gopro: {
      seed,
      search: { maxPerPage: 20 },
      library: {
        fixtures: false,
        items: [
          { kind: 'photo', count: photos, size: 50_000, capturedAt: '2025-06-01T00:00:00.000Z' },
          // Newest first: the videos start first and are in flight during most runs.
          {
            kind: 'video',
            count: 2,
            size: RESUMABLE_OVER + 4 * 1024 * 1024,
            capturedAt: '2026-01-01T00:00:00.000Z',
          },
        ],
      },
      cdn: { bandwidthBytesPerSecond: 2_000_000 },
    },
    google: { seed },
  });
}

/** Runs the CLI once with the trigger of `plan` armed (no plan: to the end). */
function runOnce(world: World, env: Record<string, string>, plan?: PlannedKill) {
  let count = 0;
  const moment = plan?.moment;
  const threshold = plan?.threshold ?? 0;
  const timers: NodeJS.Timeout[] = [];
  const videoStart = new Map<string, number>();
  const hook = moment === 'json-mid-write' || moment === 'json-before-rename';
  if (moment === 'create-unanswered') {
    world.google.inject({
      route: 'gphotos.batchCreate',
      kind: 'slow-response',
      delayMs: 8_000,
      times: 1,
    });
  }
  const onEvent = (event: CliEvent, kill: (why: string) => void) => {
    // Counted from the moment the session is open, so start-up time does not eat the window.
    if (event.type === 'session') {
      if (moment === 'random-time') timers.push(setTimeout(() => kill('random-time'), threshold));
      if (plan) timers.push(setTimeout(() => kill('random-time'), FALLBACK_MS));
    }
    if (moment === 'discovery') {
      if (event.type === 'discovery-page' && ++count >= threshold) kill('discovery');
      if (event.type === 'stage-started' && event.stage !== 'discovery') kill('discovery');
    }
    if (moment === 'transfer' && event.type === 'unit-started' && ++count >= threshold)
      kill('transfer');
    if (
      moment === 'uploaded-unsaved' &&
      event.type === 'unit-done' &&
      event.status === 'uploaded' &&
      ++count >= threshold
    )
      kill('uploaded-unsaved');
    if (moment === 'mid-upload' && event.type === 'bytes' && Number(event.size) > RESUMABLE_OVER) {
      // Once the video has moved a seeded share of 4 MiB further in this run.
      const key = String(event.key);
      const from = videoStart.get(key) ?? Number(event.sent);
      videoStart.set(key, from);
      if (Number(event.sent) - from >= threshold * 4 * 1024 * 1024) kill('mid-upload');
    }
    if (
      moment === 'create-recorded' &&
      event.type === 'unit-done' &&
      event.status === 'created' &&
      ++count >= threshold
    )
      kill('create-recorded');
  };
  const onStart = (kill: (why: string) => void) => {
    if (plan) timers.push(setTimeout(() => kill('random-time'), STARTUP_FALLBACK_MS));
    if (moment === 'create-unanswered') {
      const before = world.google.inspect().items.length;
      const poll = setInterval(() => {
        if (world.google.inspect().items.length > before) kill('create-unanswered');
      }, 10);
      timers.push(poll);
    }
  };
  // Two transfers at once keep each run's progress small, so 25 kills fit in one library.
  const args = ['sync', ...ALL_TIME_FLAGS, '--session', SESSION, '--json', '--concurrency', '2'];
  return runCli(args, {
    cwd: world.projectDir,
    env: hook
      ? {
          ...env,
          // Mid-write: an append to the save journal torn in half; before-rename: a file of a
          // checkpoint (the journal folded into units, batches and meta.json at load or at exit).
          Q2G_REL_PAUSE_MATCH: moment === 'json-mid-write' ? '/journal.ndjson' : `/${SESSION}/`,
          Q2G_REL_PAUSE_AFTER: String(threshold),
          Q2G_REL_PAUSE_AT: moment === 'json-mid-write' ? 'write' : 'rename',
        }
      : env,
    ...(hook ? { nodeArgs: ['--import', HOOK] } : {}),
    onEvent,
    onStart,
    onStderr: (line, kill) => {
      if (line.startsWith('q2g-rel-hook: paused') && moment) kill(moment);
    },
  }).finally(() => {
    for (const timer of timers) clearTimeout(timer);
    world.google.faults.clear();
  });
}

/**
 * The session loads through a fresh backend (once any run opened it; before that it may not
 * exist yet, but loading must not fail), and Google holds no content twice.
 */
async function expectRecoverable(
  world: World,
  uri: string,
  run: CliResult,
  saved: boolean,
): Promise<void> {
  const backend = await openStateUri(uri, world.projectDir);
  try {
    const state = await backend.load(SESSION);
    if (saved) expect(state, `session loads after a kill (${run.killedAt})`).not.toBeNull();
  } finally {
    await backend.close?.();
  }
  for (const content of Object.values(world.google.inspect().contents)) {
    expect(content.itemsCreated, `created at most once (after ${run.killedAt})`).toBe(1);
  }
}

async function countTempFiles(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true }).catch(() => [] as string[]);
  return entries.filter((name) => name.endsWith('.tmp')).length;
}

/** Runs the whole matrix for `kind` with `kills` kills; asserts and returns the report. */
export async function runCrashMatrix(
  kind: BackendKind,
  seed: number,
  kills = 25,
): Promise<CrashReport> {
  // MongoDB (FerretDB here) saves are slower, so each run does less: a smaller library suffices.
  const world = await crashWorld(seed, kind === 'mongo' ? 600 : 800);
  try {
    const uri = stateUriFor(kind, world.stateDir);
    const env = { ...world.cliEnv, Q2G_STATE_URI: uri };
    const schedule = crashSchedule(kind, seed);
    const report: CrashReport = { kind, kills: [], runs: 0, unitsCreated: 0, tempFilesLeft: 0 };
    let saved = false;
    for (const plan of schedule.slice(0, kills)) {
      const run = await runOnce(world, env, plan);
      report.runs += 1;
      if (run.killedAt === undefined) {
        throw new Error(`run ${report.runs} (${plan.moment}) ended before its kill: ${run.stderr}`);
      }
      expect(run.signal).toBe('SIGKILL');
      report.kills.push({ moment: plan.moment, at: run.killedAt });
      saved ||= run.events.some((event) => event.type === 'session');
      await expectRecoverable(world, uri, run, saved);
      if (process.env.Q2G_REL_DEBUG) {
        const made = world.google.inspect().items.length;
        console.info(
          `${kind} run ${report.runs}: ${plan.moment}/${plan.threshold} -> ${run.killedAt}, ${made} created`,
        );
      }
    }
    const last = await runOnce(world, env);
    report.runs += 1;
    expect(last.code, last.stderr).toBe(0);
    const summary = last.events.find((e) => e.type === 'summary')?.summary as
      | { complete: boolean }
      | undefined;
    expect(summary?.complete).toBe(true);
    const status = await runCli(['status', SESSION, '--json'], { cwd: world.projectDir, env });
    expect(status.code, status.stderr).toBe(0);
    expectEachCreatedOnce(world);
    if (kind === 'json') report.tempFilesLeft = await countTempFiles(join(world.stateDir, SESSION));
    report.unitsCreated = world.google.inspect().items.length;
    return report;
  } finally {
    await world.close();
  }
}
