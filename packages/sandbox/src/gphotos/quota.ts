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

/** One Pacific day's Library API requests, as the emulator counted them. */
export interface QuotaDayRecord {
  /** The Pacific date, `YYYY-MM-DD`. */
  day: string;
  requests: number;
  /** Requests answered with the daily-quota error (over the limit, or an injected fault). */
  refused: number;
  /**
   * Requests that arrived after the day's first daily-quota answer: a client that remembers
   * the reset sends none until the next Pacific day.
   */
  afterRefusal: number;
}

/** Which quota a request ran into. */
export type QuotaHit = 'daily' | 'perMinute' | undefined;

/**
 * Request counters: all Library API requests per project per Pacific day, and writes per user
 * per minute.
 */
export class QuotaCounter {
  readonly #days: QuotaDayRecord[] = [];
  readonly #minutes = new Map<string, number>();

  constructor(
    private readonly now: () => number,
    private readonly limits: () => { daily: number; writesPerMinute?: number },
  ) {}

  /** Counts one request and says whether it is over a quota. */
  take(user: string, write: boolean): QuotaHit {
    const now = this.now();
    const record = this.#count(now);
    const { daily, writesPerMinute } = this.limits();
    if (record.requests > daily) {
      record.refused += 1;
      return 'daily';
    }
    if (write && writesPerMinute !== undefined) {
      const key = `${user}:${Math.floor(now / 60_000)}`;
      const count = (this.#minutes.get(key) ?? 0) + 1;
      this.#minutes.set(key, count);
      if (count > writesPerMinute) return 'perMinute';
    }
    return undefined;
  }

  /** Counts one request answered with an injected daily-quota fault. */
  refuseDaily(): void {
    this.#count(this.now()).refused += 1;
  }

  /** Every Pacific day a request was counted on, oldest first. */
  days(): QuotaDayRecord[] {
    return this.#days.map((record) => ({ ...record }));
  }

  /** The record of the Pacific day holding `now`, with this request counted. */
  #count(now: number): QuotaDayRecord {
    const day = PACIFIC_DATE.format(new Date(now));
    let record = this.#days.at(-1);
    if (record?.day !== day) {
      record = { day, requests: 0, refused: 0, afterRefusal: 0 };
      this.#days.push(record);
    }
    record.requests += 1;
    if (record.refused > 0) record.afterRefusal += 1;
    return record;
  }

  /** Today's (Pacific) count against `dailyLimit`, and when the count starts again. */
  day(dailyLimit: number): QuotaDay {
    const now = this.now();
    const today = PACIFIC_DATE.format(new Date(now));
    const last = this.#days.at(-1);
    return {
      day: today,
      requests: last?.day === today ? last.requests : 0,
      dailyLimit,
      resetAt: new Date(nextPacificMidnight(now)).toISOString(),
    };
  }

  /** Requests counted on the last Pacific day a request came (empty before any). */
  get today(): { day: string; requests: number } {
    const last = this.#days.at(-1);
    return { day: last?.day ?? '', requests: last?.requests ?? 0 };
  }
}
