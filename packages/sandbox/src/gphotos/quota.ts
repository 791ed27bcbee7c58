const PACIFIC_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'America/Los_Angeles',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

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

  /** Requests counted today (Pacific). */
  get today(): { day: string; requests: number } {
    return { day: this.#day, requests: this.#dayCount };
  }
}
