/**
 * The Google quota gauge: requests spent today (Pacific day) against the daily budget, when the
 * count resets (midnight America/Los_Angeles), and how many days a session's remaining units
 * need at the observed requests per unit. The count comes from one {@link RequestCountSource}:
 * the engine's own accounting in the state backend (`engine-request-count.ts`), or the sandbox
 * emulator's own counter in demo mode; the Google requests of runs this dashboard started are
 * the fallback for a backend that keeps no count.
 */
import { nextPacificMidnight } from '@q2google/sink-gphotos';
import type { QuotaView } from '../../shared/api-types.js';

/** Google Photos' default daily budget of Library API requests per project. */
export const DEFAULT_DAILY_BUDGET = 10_000;

/** Requests per unit assumed before any unit was created today (one upload, a share of create). */
const DEFAULT_REQUESTS_PER_UNIT = 1.1;

const PACIFIC_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'America/Los_Angeles',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The Pacific date of `ms`, `YYYY-MM-DD`. */
export function pacificDay(ms: number): string {
  return PACIFIC_DATE.format(new Date(ms));
}

/** Today's Google requests, as one source counts them. */
export interface RequestCount {
  requests: number;
  /** Units created today, for the requests-per-unit rate (absent: unknown). */
  unitsCreated?: number;
  /** The budget this source knows (the emulator's configured quota), if any. */
  dailyLimit?: number;
}

/** Where the count comes from. */
export interface RequestCountSource {
  readonly kind: QuotaView['source'];
  today(): Promise<RequestCount>;
}

/** Counts the Google requests (and created units) of this dashboard's runs per Pacific day. */
export class DashboardRequestCount implements RequestCountSource {
  readonly kind = 'dashboard' as const;
  #day = '';
  #requests = 0;
  #units = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** Counts one request the sink sent. */
  request(): void {
    this.#roll();
    this.#requests += 1;
  }

  /** Counts one unit created. */
  unitCreated(): void {
    this.#roll();
    this.#units += 1;
  }

  async today(): Promise<RequestCount> {
    this.#roll();
    return { requests: this.#requests, unitsCreated: this.#units };
  }

  #roll(): void {
    const day = pacificDay(this.now());
    if (day === this.#day) return;
    this.#day = day;
    this.#requests = 0;
    this.#units = 0;
  }
}

/** The sandbox Google emulator's own counter (`GET /__sandbox/quota`), with this dashboard's units. */
export function sandboxRequestCount(
  emulatorUrl: string,
  units: DashboardRequestCount,
  fetchImpl: typeof fetch = fetch,
): RequestCountSource {
  return {
    kind: 'sandbox',
    async today() {
      const res = await fetchImpl(`${emulatorUrl.replace(/\/+$/, '')}/__sandbox/quota`);
      const body = (await res.json()) as { requests: number; dailyLimit: number };
      const { unitsCreated } = await units.today();
      return { requests: body.requests, dailyLimit: body.dailyLimit, unitsCreated };
    },
  };
}

/** The gauge for a session with `remainingUnits` left (null: no session asked). */
export function quotaView(
  count: RequestCount,
  source: QuotaView['source'],
  remainingUnits: number | null,
  now: number,
  budget = DEFAULT_DAILY_BUDGET,
): QuotaView {
  const dailyLimit = count.dailyLimit ?? budget;
  const measured = count.unitsCreated ? count.requests / count.unitsCreated : undefined;
  const requestsPerUnit = measured ?? DEFAULT_REQUESTS_PER_UNIT;
  const view: QuotaView = {
    source,
    requests: count.requests,
    dailyLimit,
    day: pacificDay(now),
    resetAt: nextPacificMidnight(now).toISOString(),
    requestsPerUnit: Math.round(requestsPerUnit * 100) / 100,
    measured: measured !== undefined,
  };
  if (remainingUnits === null) return view;
  const needed = Math.ceil(remainingUnits * requestsPerUnit);
  const leftToday = Math.max(0, dailyLimit - count.requests);
  // Days beyond today: 0 when today's budget covers the rest.
  const daysLeft = needed <= leftToday ? 0 : Math.ceil((needed - leftToday) / dailyLimit);
  return { ...view, remainingUnits, daysLeft };
}
