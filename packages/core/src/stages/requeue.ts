import type { SessionStore } from '../sync/session-store.js';
import { type RetryRules, shouldRetry } from './failure-policy.js';

/**
 * Sends units back to the transfer pool: uploaded ones whose token expires before `horizon`,
 * and failed ones without a token that may be retried. Used where transfer work is handed out
 * by status (several workers) rather than picked from the whole session. Returns how many moved.
 */
export function requeueForTransfer(
  store: SessionStore,
  horizon: number,
  rules: RetryRules,
): number {
  let moved = 0;
  for (const item of [...store.items('uploaded', 'failed')]) {
    if (item.status === 'uploaded' && Date.parse(item.tokenExpiresAt!) <= horizon) {
      store.transition(item.key, 'discovered');
      moved += 1;
    } else if (item.status === 'failed' && !item.uploadToken && shouldRetry(item, rules)) {
      if (item.upload) store.transition(item.key, 'uploading', { upload: item.upload });
      else store.transition(item.key, 'discovered');
      moved += 1;
    }
  }
  return moved;
}
