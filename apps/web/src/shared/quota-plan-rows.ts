/** The quota plan as rows for the dashboard (the new-sync preview): one label and value each. */
import type { QuotaPlan } from '@q2google/core';

const n = (value: number) => value.toLocaleString('en-US');

/** One line of the plan. */
export interface QuotaPlanRow {
  label: string;
  value: string;
}

/**
 * The plan's rows: requests by kind, the total and the days it takes at the daily budget, and
 * when the current quota day ends (in `timeZone`, the browser's own when absent).
 */
export function quotaPlanRows(plan: QuotaPlan, timeZone?: string): QuotaPlanRow[] {
  const r = plan.requests;
  const resetLocal = new Date(plan.firstResetAt).toLocaleString('en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    ...(timeZone ? { timeZone } : {}),
  });
  const spent = plan.spentToday > 0 ? ` (${n(plan.spentToday)} already spent today)` : '';
  return [
    {
      label: 'Small uploads',
      value: `${n(r.simpleUploads.units)} files, ${n(r.simpleUploads.requests)} requests`,
    },
    {
      label: 'Large uploads (resumable)',
      value: `${n(r.resumableUploads.units)} files, ${n(r.resumableUploads.requests)} requests`,
    },
    { label: 'Create calls (batchCreate)', value: n(r.createCalls) },
    {
      label: 'Album calls',
      value: `${n(r.albumLookups)} lookup, ${n(r.albumCreates)} created (${n(plan.albums)} album${plan.albums === 1 ? '' : 's'})`,
    },
    { label: 'Listing', value: n(r.listing) },
    { label: 'Total requests', value: n(r.total) },
    {
      label: 'Days of quota',
      value: `${n(plan.days)} at ${n(plan.dailyBudget)} requests a day${spent}`,
    },
    {
      label: 'Quota day ends',
      value: `${resetLocal} (midnight ${plan.timeZone})`,
    },
  ];
}
