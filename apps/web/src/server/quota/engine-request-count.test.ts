import type { SyncStateBackend } from '@q2google/core';
import { createMemoryBackend } from '@q2google/core/testing';
import { googleRequestQuota } from '@q2google/sink-gphotos';
import { describe, expect, it } from 'vitest';
import { engineRequestCount } from './engine-request-count.js';
import { DashboardRequestCount } from './quota-view.js';

const noon = Date.parse('2026-01-15T20:00:00Z'); // 12:00 in Los Angeles (PST)
const accessTo = (backend: SyncStateBackend) => ({
  read: <T>(use: (b: SyncStateBackend) => Promise<T>) => use(backend),
});

describe('the gauge from the engine’s accounting', () => {
  it('reads what every run recorded today, with this dashboard’s created units', async () => {
    const backend = createMemoryBackend();
    await backend.recordRequests!({
      counter: 'gphotos',
      day: '2026-01-15',
      writer: 'cli-run',
      requests: 120,
    });
    const dashboard = new DashboardRequestCount(() => noon);
    dashboard.request();
    dashboard.unitCreated();
    const count = engineRequestCount(
      accessTo(backend),
      googleRequestQuota({ dailyBudget: 5_000 }),
      dashboard,
      () => noon,
    );
    expect(count.kind).toBe('engine');
    await expect(count.today()).resolves.toEqual({
      requests: 120,
      unitsCreated: 1,
      dailyLimit: 5_000,
    });
  });

  it('falls back to this dashboard’s runs when the backend keeps no count', async () => {
    const plain: SyncStateBackend = { load: async () => null, save: async () => {} };
    const dashboard = new DashboardRequestCount(() => noon);
    dashboard.request();
    dashboard.request();
    const count = engineRequestCount(accessTo(plain), googleRequestQuota(), dashboard, () => noon);
    await expect(count.today()).resolves.toMatchObject({ requests: 2, dailyLimit: 10_000 });
  });
});
