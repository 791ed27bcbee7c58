import { describe, expect, it } from 'vitest';
import type { SinkRequestQuota } from '../protocol/media-sink.js';
import { nextMidnight } from '../util/calendar-day.js';
import { planQuota } from './quota-plan.js';
import { QuotaPlanSchema } from './quota-plan-schema.js';

const quota: SinkRequestQuota = {
  counter: 'test',
  timeZone: 'America/Los_Angeles',
  dailyBudget: 10_000,
  costs: {
    simpleUploadMaxBytes: 1000,
    simpleUpload: 1,
    resumableUpload: 2,
    createItems: 1,
    albumCreate: 1,
    albumLookup: 1,
    listPage: 1,
    listPageSize: 100,
    reconcileMaxPages: 200,
  },
};
const now = new Date('2026-11-30T16:00:00Z');
const sizes = (count: number, size: number) => Array.from({ length: count }, () => size);

describe('planQuota', () => {
  it('counts one request per small file, two per large one, and one create call per batch', () => {
    const plan = planQuota({
      work: { uploadSizes: [...sizes(120, 1000), ...sizes(3, 1001)], createOnly: 0 },
      quota,
      batchSize: 50,
      now,
    });
    expect(plan.requests).toEqual({
      simpleUploads: { units: 120, requests: 120 },
      resumableUploads: { units: 3, requests: 6 },
      createCalls: 3,
      albumLookups: 0,
      albumCreates: 0,
      listing: 0,
      total: 129,
    });
    expect(plan.days).toBe(1);
    expect(QuotaPlanSchema.parse(plan)).toEqual(plan);
  });

  it('plans the issue’s library: 30,000 photos and 2,000 long videos into one titled album', () => {
    const plan = planQuota({
      work: {
        uploadSizes: [...sizes(30_000, 500), ...sizes(2_000, 4e9)],
        createOnly: 0,
        album: { opened: false, filled: 0, capacity: 20_000 },
      },
      quota,
      batchSize: 50,
      now,
    });
    // 30,000 + 4,000 uploads; 20,000 + 12,000 units in two albums: 400 + 240 calls; 1 lookup, 2 creates.
    expect(plan.requests.total).toBe(30_000 + 4_000 + 640 + 1 + 2);
    expect(plan.albums).toBe(2);
    expect(plan.days).toBe(4);
  });

  it('splits create calls at an album boundary and fills the album a session already opened', () => {
    const plan = planQuota({
      work: {
        uploadSizes: sizes(30, 10),
        createOnly: 0,
        album: { opened: true, filled: 95, capacity: 100 },
      },
      quota,
      batchSize: 50,
      now,
    });
    // 5 go to the current album (1 call), 25 to "Title (2)" (1 call, 1 create).
    expect(plan.requests).toMatchObject({ createCalls: 2, albumCreates: 1, albumLookups: 1 });
    expect(plan.albums).toBe(2);
  });

  it('gives the first day only what today has left, and needs no day for no work', () => {
    const work = { uploadSizes: sizes(9_000, 10), createOnly: 0 };
    expect(planQuota({ work, quota, batchSize: 50, now }).days).toBe(1);
    expect(planQuota({ work, quota, batchSize: 50, now, spentToday: 5_000 }).days).toBe(2);
    const small = { ...quota, dailyBudget: 1_000 };
    expect(planQuota({ work, quota: small, batchSize: 50, now }).days).toBe(10);
    // 9,180 requests; 100 left today, then 1,000 a day: 1 + ceil(9,080 / 1,000) days.
    const late = planQuota({ work, quota: small, batchSize: 50, now, spentToday: 900 });
    expect([late.days, late.dailyBudget, late.spentToday]).toEqual([11, 1_000, 900]);
    const idle = planQuota({ work: { uploadSizes: [], createOnly: 0 }, quota, batchSize: 50, now });
    expect(idle.requests.total).toBe(0);
    expect(idle.days).toBe(0);
  });

  it('counts expected listing and units that only need creating', () => {
    const plan = planQuota({
      work: { uploadSizes: [], createOnly: 51, listingPages: 3 },
      quota,
      batchSize: 50,
      now,
    });
    expect(plan.requests).toMatchObject({ createCalls: 2, listing: 3, total: 5 });
    expect(plan.createOnlyUnits).toBe(51);
  });
});

describe('nextMidnight', () => {
  it('is the next midnight Pacific, in standard and daylight time', () => {
    expect(nextMidnight(now.getTime(), 'America/Los_Angeles').toISOString()).toBe(
      '2026-12-01T08:00:00.000Z',
    );
    expect(
      nextMidnight(Date.parse('2026-07-01T06:59:00Z'), 'America/Los_Angeles').toISOString(),
    ).toBe('2026-07-01T07:00:00.000Z');
    expect(
      nextMidnight(Date.parse('2026-07-01T07:00:00Z'), 'America/Los_Angeles').toISOString(),
    ).toBe('2026-07-02T07:00:00.000Z');
  });

  it('crosses a daylight-saving change (8 March 2026 in Los Angeles)', () => {
    expect(
      nextMidnight(Date.parse('2026-03-08T12:00:00Z'), 'America/Los_Angeles').toISOString(),
    ).toBe('2026-03-09T07:00:00.000Z');
    expect(nextMidnight(Date.parse('2026-01-15T12:00:00Z'), 'UTC').toISOString()).toBe(
      '2026-01-16T00:00:00.000Z',
    );
  });
});
