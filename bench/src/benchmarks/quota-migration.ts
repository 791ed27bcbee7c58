import { runQuotaMigration } from '@q2google/test-support/quota-migration';
import type { Log } from './harness.js';

/** The scenario: a library needing about three days of a 200-request daily quota. */
const PHOTOS = 480;
const DAILY_QUOTA = 200;
/** 10:00 in Los Angeles, so the first day has its whole quota left. */
const START = '2026-03-02T18:00:00.000Z';

/** One Pacific day of the migration, as the Google emulator counted it. */
export interface QuotaMigrationDay {
  day: string;
  requests: number;
  /** Answered with the daily-quota error. */
  refused: number;
  /** Reached Google after the day's quota answer (already under way when it came). */
  afterRefusal: number;
}

/** Benchmark 6's figures. */
export interface QuotaMigrationFigures {
  photos: number;
  dailyQuota: number;
  /** The one command that ran the whole migration. */
  command: string;
  exitCode: number;
  daysTaken: number;
  days: QuotaMigrationDay[];
  /** Every unit created exactly once, and nothing else created. */
  createdExactlyOnce: boolean;
  /** Requests the CLI started after a quota answer, before its reset (must be 0). */
  requestsAfterAnswer: number;
  /** Real time the simulated days took. */
  realS: number;
}

/**
 * Benchmark 6: a migration three daily quotas long, run by the real CLI with
 * `--wait-for-quota` on a virtual clock it shares with the Google emulator (the waits take no
 * real time): days taken, requests per day, each unit once, no request after a quota answer.
 */
export async function benchQuotaMigration(log: Log): Promise<QuotaMigrationFigures> {
  const run = await runQuotaMigration({ photos: PHOTOS, dailyQuota: DAILY_QUOTA, start: START });
  try {
    const result: QuotaMigrationFigures = {
      photos: PHOTOS,
      dailyQuota: DAILY_QUOTA,
      command: 'q2google sync --from … --to … --session quota --wait-for-quota',
      exitCode: run.exitCode,
      daysTaken: run.days.length,
      days: run.days,
      createdExactlyOnce: run.problems.length === 0,
      requestsAfterAnswer: run.requestsAfterAnswer,
      realS: Math.round(run.realMs / 100) / 10,
    };
    if (run.exitCode !== 0) throw new Error(`the migration exited ${run.exitCode}: ${run.output}`);
    log(
      `  ${PHOTOS} photos, quota ${DAILY_QUOTA}/day: ${result.daysTaken} days (${run.days.map((d) => d.requests).join(' / ')} requests), each once: ${result.createdExactlyOnce}, after an answer: ${result.requestsAfterAnswer}`,
    );
    return result;
  } finally {
    await run.world.close();
  }
}
