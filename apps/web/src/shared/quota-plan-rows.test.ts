import { planQuota, type SinkRequestQuota } from '@q2google/core';
import { describe, expect, it } from 'vitest';
import { quotaPlanRows } from './quota-plan-rows.js';

const quota: SinkRequestQuota = {
  counter: 'test',
  timeZone: 'America/Los_Angeles',
  dailyBudget: 10_000,
  costs: {
    simpleUploadMaxBytes: 1_000,
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

describe('quotaPlanRows', () => {
  it('shows requests by kind, the days at the budget and when the quota day ends', () => {
    const plan = planQuota({
      work: {
        uploadSizes: [...Array(12_000).fill(10), ...Array(10).fill(5_000)],
        createOnly: 0,
        album: { opened: false, filled: 0, capacity: 20_000 },
      },
      quota,
      batchSize: 50,
      now: new Date('2026-11-30T16:00:00Z'),
      spentToday: 1_500,
    });
    expect(quotaPlanRows(plan, 'Europe/Paris')).toEqual([
      { label: 'Small uploads', value: '12,000 files, 12,000 requests' },
      { label: 'Large uploads (resumable)', value: '10 files, 20 requests' },
      { label: 'Create calls (batchCreate)', value: '241' },
      { label: 'Album calls', value: '1 lookup, 1 created (1 album)' },
      { label: 'Listing', value: '0' },
      { label: 'Total requests', value: '12,263' },
      { label: 'Days of quota', value: '2 at 10,000 requests a day (1,500 already spent today)' },
      { label: 'Quota day ends', value: '1 Dec 2026, 09:00 (midnight America/Los_Angeles)' },
    ]);
  });
});
