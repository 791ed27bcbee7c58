/**
 * A migration that needs several days of Google's daily quota, run by the real CLI in this
 * process with `sync --wait-for-quota`, on one virtual clock shared with the Google emulator:
 * each wait for the reset takes no real time, and the emulator counts every Pacific day. Used
 * by the reliability test (which asserts) and the benchmark (which reports). No test runner.
 */
import {
  type CliContext,
  createProcessContext,
  createRealClouds,
  createRealServices,
  createVirtualClock,
  main,
} from '@q2google/cli';
import { createHttpDispatcher, fetchVia, isQ2gError, type MediaSink } from '@q2google/core';
import type { QuotaDayRecord } from '@q2google/sandbox';
import type { GooglePhotosSink } from '@q2google/sink-gphotos';
import { createdOnceProblems, unitsToCreate } from './created-once.js';
import { ALL_TIME_FLAGS, startWorld, type World } from './world.js';

/** The library, the quota and when the virtual clock starts. */
export interface QuotaMigrationOptions {
  /** Photos in the GoPro library (each needs about one Google request). */
  photos: number;
  /** Google's daily request quota in the emulator. */
  dailyQuota: number;
  /** The instant the run starts at (ISO); the first quota day is what is left of its day. */
  start: string;
  /** Photo size in bytes (default 20,000). */
  photoBytes?: number;
}

/** How the migration went. */
export interface QuotaMigrationResult {
  /** The emulators and the state, still running: the caller inspects, then closes them. */
  world: World;
  exitCode: number;
  /** Every Pacific day the emulator counted a Library API request on, oldest first. */
  days: QuotaDayRecord[];
  /** Each wait for a reset, in virtual milliseconds. */
  waits: number[];
  /**
   * Requests the CLI started after it had received a daily-quota answer, before that quota's
   * reset (requests already under way when the answer came are not among them).
   */
  requestsAfterAnswer: number;
  /** Daily-quota answers the CLI received (the resets it learnt of). */
  quotaAnswers: number;
  /** Units to create, and what keeps each from being created exactly once (none: all once). */
  units: number;
  problems: string[];
  /** What the CLI printed on stdout and stderr. */
  output: string;
  /** Real time the run took. */
  realMs: number;
}

/** Runs the whole migration with one `q2google sync --wait-for-quota`. */
export async function runQuotaMigration(
  options: QuotaMigrationOptions,
): Promise<QuotaMigrationResult> {
  const clock = createVirtualClock(Date.parse(options.start));
  const world = await startWorld({
    gopro: {
      seed: 61,
      library: {
        fixtures: false,
        items: [{ kind: 'photo', count: options.photos, size: options.photoBytes ?? 20_000 }],
      },
    },
    google: { seed: 61, dailyQuota: options.dailyQuota, now: clock.now },
  });
  const waits: number[] = [];
  let output = '';
  const write = (text: string) => {
    output += text;
  };
  // The loopback emulators directly, never through a proxy the environment names.
  const direct = createHttpDispatcher({});
  const ctx: CliContext = {
    ...createProcessContext(),
    stdout: { write, isTTY: false },
    stderr: { write, isTTY: false },
    clock: {
      ...clock,
      sleep: (ms, signal) => {
        waits.push(ms);
        return clock.sleep(ms, signal);
      },
    },
    env: { ...world.cliEnv },
    cwd: world.projectDir,
    homeDir: world.projectDir,
    fetch: fetchVia(direct),
    onInterrupt: () => () => {},
  };
  const clouds = createRealClouds(ctx, direct);
  let requestsAfterAnswer = 0;
  let blockedUntil = Number.NEGATIVE_INFINITY;
  let quotaAnswers = 0;
  const watched = async (config: Parameters<typeof clouds.sink>[0]) =>
    watchQuotaAnswers(
      (await clouds.sink(config)) as GooglePhotosSink,
      (resetAt) => {
        quotaAnswers += 1;
        blockedUntil = Math.max(blockedUntil, resetAt);
      },
      () => {
        if (clock.now() < blockedUntil) requestsAfterAnswer += 1;
      },
    );
  ctx.services = { ...createRealServices(ctx), ...clouds, sink: watched };
  const started = Date.now();
  const argv = ['sync', ...ALL_TIME_FLAGS, '--session', 'quota', '--wait-for-quota'];
  const exitCode = await main(argv, ctx);
  return {
    world,
    exitCode,
    days: world.google.quotaDays(),
    waits,
    requestsAfterAnswer,
    quotaAnswers,
    units: unitsToCreate(world).length,
    problems: createdOnceProblems(world),
    output,
    realMs: Date.now() - started,
  };
}

/**
 * The sink, telling `onAnswer` the reset of each daily-quota answer its calls reject with, and
 * `onRequest` each request it starts.
 */
function watchQuotaAnswers(
  sink: GooglePhotosSink,
  onAnswer: (resetAt: number) => void,
  onRequest: () => void,
): MediaSink {
  sink.onRequest(onRequest);
  const noticed = (error: unknown) => {
    const resumeAt = isQ2gError(error, 'GPHOTOS_QUOTA_EXHAUSTED') ? error.details?.resumeAt : '';
    if (typeof resumeAt === 'string' && resumeAt) onAnswer(Date.parse(resumeAt));
    throw error;
  };
  return new Proxy(sink, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const result: unknown = value.apply(target, args);
        return result instanceof Promise ? result.catch(noticed) : result;
      };
    },
  });
}
