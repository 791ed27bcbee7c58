/**
 * The gauge's count from the engine's own accounting: the Google requests every q2google run
 * (CLI, workers, this dashboard) recorded in the state backend for today's Pacific day, against
 * the configured daily budget. A backend that keeps no count (no `requestCounts` capability)
 * falls back to this dashboard's runs.
 */
import { resolveCapabilities, type SinkRequestQuota } from '@q2google/core';
import { RequestBudget } from '@q2google/core/engine';
import type { BackendAccess } from '../backend-access.js';
import type { DashboardRequestCount, RequestCount, RequestCountSource } from './quota-view.js';

/**
 * Today's count as the engine keeps it in the state backend `access` reads, against the
 * sink's declared `quota` (its configured daily budget).
 */
export function engineRequestCount(
  access: Pick<BackendAccess, 'read'>,
  quota: SinkRequestQuota,
  dashboard: DashboardRequestCount,
  now: () => number = Date.now,
): RequestCountSource {
  return {
    kind: 'engine',
    async today(): Promise<RequestCount> {
      const own = await dashboard.today();
      const spent = await access.read(async (backend) => {
        if (!resolveCapabilities(backend).requestCounts) return undefined;
        return (await new RequestBudget({ quota, backend, now }).today())?.spent;
      });
      return { ...own, requests: spent ?? own.requests, dailyLimit: quota.dailyBudget };
    },
  };
}
