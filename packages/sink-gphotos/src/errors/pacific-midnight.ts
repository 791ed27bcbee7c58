import { nextMidnight } from '@q2google/core';
import { GOOGLE_QUOTA_TIME_ZONE } from '../limits.js';

/** The next midnight in America/Los_Angeles after `now` (when Google's daily quotas reset). */
export function nextPacificMidnight(now: number): Date {
  return nextMidnight(now, GOOGLE_QUOTA_TIME_ZONE);
}
