import { describe, expect, it } from 'vitest';
import { DashboardRequestCount, pacificDay, quotaView } from './quota-view.js';

const noon = Date.parse('2026-01-15T20:00:00Z'); // 12:00 in Los Angeles (PST)

describe('the quota view', () => {
  it('counts requests per Pacific day and starts again after midnight there', async () => {
    let now = noon;
    const count = new DashboardRequestCount(() => now);
    count.request();
    count.request();
    count.unitCreated();
    await expect(count.today()).resolves.toEqual({ requests: 2, unitsCreated: 1 });
    now = Date.parse('2026-01-16T07:59:00Z'); // 23:59 PST, same day
    await expect(count.today()).resolves.toMatchObject({ requests: 2 });
    now = Date.parse('2026-01-16T08:00:00Z'); // midnight PST
    await expect(count.today()).resolves.toEqual({ requests: 0, unitsCreated: 0 });
    expect(pacificDay(now)).toBe('2026-01-16');
  });

  it('gives the reset time and the days a session’s remaining units need', () => {
    const view = quotaView({ requests: 9_000, unitsCreated: 4_500 }, 'dashboard', 10_000, noon);
    expect(view).toMatchObject({
      requests: 9_000,
      dailyLimit: 10_000,
      day: '2026-01-15',
      resetAt: '2026-01-16T08:00:00.000Z',
      requestsPerUnit: 2,
      measured: true,
      remainingUnits: 10_000,
      // 20,000 requests needed, 1,000 left today: two more days.
      daysLeft: 2,
    });
    expect(quotaView({ requests: 0 }, 'sandbox', 100, noon)).toMatchObject({
      measured: false,
      requestsPerUnit: 1.1,
      daysLeft: 0,
    });
    expect(quotaView({ requests: 5, dailyLimit: 50 }, 'sandbox', null, noon)).toMatchObject({
      dailyLimit: 50,
    });
    expect(quotaView({ requests: 5 }, 'sandbox', null, noon).daysLeft).toBeUndefined();
  });
});
