import type { QuotaPlan } from '@q2google/core';
import { plural } from '../output/format.js';

const number = (n: number) => n.toLocaleString('en-US');

/** When the current quota day ends, in the reader's time zone (or `timeZone` when given). */
export function resetTimeText(plan: QuotaPlan, timeZone?: string): string {
  const local = new Date(plan.firstResetAt).toLocaleString('en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    ...(timeZone ? { timeZone } : {}),
  });
  return `${local} your time (midnight ${plan.timeZone}, ${plan.firstResetAt})`;
}

/**
 * A quota plan for people: the Google requests by category, the days they take at the daily
 * budget, and when the current quota day ends. `heading` names what the plan covers.
 */
export function quotaPlanLines(plan: QuotaPlan, heading: string, timeZone?: string): string[] {
  const r = plan.requests;
  const spent = plan.spentToday > 0 ? `, ${number(plan.spentToday)} already spent today` : '';
  const days = plan.days === 0 ? 'nothing to spend' : plural(plan.days, 'day');
  const albums =
    r.albumLookups + r.albumCreates > 0
      ? `; albums: ${r.albumLookups} lookup + ${r.albumCreates} created (${plural(plan.albums, 'album')})`
      : '';
  return [
    `${heading}: ${number(r.total)} requests → ${days} at ${number(plan.dailyBudget)} a day${spent}`,
    `    uploads: ${number(r.simpleUploads.units)} small = ${number(r.simpleUploads.requests)}, ${number(r.resumableUploads.units)} large (resumable) = ${number(r.resumableUploads.requests)}`,
    `    create calls: ${number(r.createCalls)}${albums}; listing: ${number(r.listing)}`,
    `    the quota day ends ${resetTimeText(plan, timeZone)}`,
  ];
}
