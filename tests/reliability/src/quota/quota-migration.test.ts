/**
 * Issue 15, "remember the reset": a library that needs three days of Google's daily quota is
 * migrated by one `q2google sync --wait-for-quota`, on a virtual clock the CLI shares with the
 * Google emulator. Each unit is created once, and no request reaches Google on a day after its
 * quota answer.
 */
import { expectEachCreatedOnce } from '@q2google/test-support';
import {
  type QuotaMigrationResult,
  runQuotaMigration,
} from '@q2google/test-support/quota-migration';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const DAILY_QUOTA = 200;
let migration: QuotaMigrationResult;

beforeAll(async () => {
  // 10:00 in Los Angeles: the first day has 14 hours, and its whole quota, left.
  migration = await runQuotaMigration({
    photos: 480,
    dailyQuota: DAILY_QUOTA,
    start: '2026-03-02T18:00:00.000Z',
  });
});
afterAll(() => migration?.world.close());

describe('a migration three daily quotas long, with --wait-for-quota', () => {
  it('completes in one command, over three Pacific days', () => {
    expect(migration.exitCode, migration.output).toBe(0);
    expect(migration.days.map((day) => day.day)).toEqual([
      '2026-03-02',
      '2026-03-03',
      '2026-03-04',
    ]);
    expect(migration.waits).toHaveLength(2);
  });

  it('creates each unit exactly once', () => {
    expect(migration.problems).toEqual([]);
    expectEachCreatedOnce(migration.world);
  });

  it('starts no request after a quota answer before its reset, and stays within the quota', () => {
    expect(migration.quotaAnswers).toBeGreaterThanOrEqual(2);
    expect(migration.requestsAfterAnswer).toBe(0);
    const [first, second, last] = migration.days;
    for (const day of [first!, second!]) {
      expect(day.refused, `${day.day}: the quota was used up`).toBeGreaterThan(0);
      expect(day.requests - day.refused, `${day.day}: requests Google admitted`).toBe(DAILY_QUOTA);
    }
    expect(last!.refused).toBe(0);
    expect(last!.requests).toBeLessThanOrEqual(DAILY_QUOTA);
  });

  it('says each time until when it waits', () => {
    const announced = migration.output.match(/waiting until \S+/g) ?? [];
    expect(announced).toEqual([
      'waiting until 2026-03-03T08:00:00.000Z',
      'waiting until 2026-03-04T08:00:00.000Z',
    ]);
  });
});
