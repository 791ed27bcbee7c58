const PACIFIC_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'America/Los_Angeles',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The daily request count as the `/__sandbox/quota` route reports it. */
export interface QuotaDay {
  /** The Pacific date, `YYYY-MM-DD`. */
  day: string;
  requests: number;
  dailyLimit: number;
  /** The next midnight in America/Los_Angeles, ISO. */
  resetAt: string;
}

/** The first instant (ms) of the Pacific day after the one holding `now`. */
export function nextPacificMidnight(now: number): number {
  const today = PACIFIC_DATE.format(new Date(now));
  // Step forward by hours until the Pacific date changes, then back to the exact minute.
  let at = now - (now % 3_600_000) + 3_600_000;
  while (PACIFIC_DATE.format(new Date(at)) === today) at += 3_600_000;
  while (PACIFIC_DATE.format(new Date(at - 60_000)) !== today) at -= 60_000;
  return at;
}

/** Which quota a request ran into. */
export type QuotaHit = 'daily' | 'perMinute' | undefined;

/**
 * Request counters: all Library API requests per project per Pacific day, and writes per user
 * per minute.
 */
export class QuotaCounter {
  #day = '';
  #dayCount = 0;
  readonly #minutes = new Map<string, number>();

  constructor(
    private readonly now: () => number,
    private readonly limits: () => { daily: number; writesPerMinute?: number },
  ) {}

  /** Counts one request and says whether it is over a quota. */
  take(user: string, write: boolean): QuotaHit {
    const now = this.now();
    const day = PACIFIC_DATE.format(new Date(now));
    if (day !== this.#day) {
      this.#day = day;
      this.#dayCount = 0;
    }
    this.#dayCount += 1;
    const { daily, writesPerMinute } = this.limits();
    if (this.#dayCount > daily) return 'daily';
    if (write && writesPerMinute !== undefined) {
      const key = `${user}:${Math.floor(now / 60_000)}`;
      const count = (this.#minutes.get(key) ?? 0) + 1;
      this.#minutes.set(key, count);
      if (count > writesPerMinute) return 'perMinute';
    }
    return undefined;
  }

  /** Today's (Pacific) count against `dailyLimit`, and when the count starts again. */
  day(dailyLimit: number): QuotaDay {
    const now = this.now();
    const today = PACIFIC_DATE.format(new Date(now));
    return {
      day: today,
      requests: today === this.#day ? this.#dayCount : 0,
      dailyLimit,
      resetAt: new Date(nextPacificMidnight(now)).toISOString(),
    };
  }

  /** Requests counted today (Pacific). */
  get today(): { day: string; requests: number } {
    return { day: this.#day, requests: this.#dayCount };
  }
}
