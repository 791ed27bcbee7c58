import { randomUUID } from 'node:crypto';
import { Q2gError } from '../errors/q2g-error.js';
import type { SinkRequestCosts, SinkRequestQuota } from '../protocol/media-sink.js';
import { resolveCapabilities, type SyncStateBackend } from '../protocol/state-backend.js';
import { albumOpenRequestsOf, uploadRequestsOf } from '../quota/request-costs.js';
import { calendarDay, nextMidnight } from '../util/calendar-day.js';

/** Options of {@link RequestBudget}. */
export interface RequestBudgetOptions {
  /** The sink's quota; without one nothing is counted or refused. */
  quota: SinkRequestQuota | undefined;
  /** Where the day's count is shared (capability `requestCounts`); this run only without it. */
  backend: SyncStateBackend;
  /** The clock, in ms. */
  now: () => number;
  /** Least time between two count writes unless one is forced (default 2 s). */
  flushIntervalMs?: number;
  /** This run's writer id (a random one by default). */
  writer?: string;
}

/** Today's spend against the budget, as `status` and the dashboard show it. */
export interface RequestBudgetDay {
  counter: string;
  /** The quota's calendar day, `YYYY-MM-DD` in its time zone. */
  day: string;
  timeZone: string;
  /** Requests spent today by every run recorded on the backend, this one's unsaved ones included. */
  spent: number;
  budget: number;
  /** The next midnight in the quota's time zone (ISO). */
  resetAt: string;
}

/**
 * The engine's accounting of a sink's daily request quota: counts every request the sink
 * reports, per calendar day of the quota's time zone, shares the count through the state
 * backend (flushed with the engine's state saves, not per request), and refuses — with
 * `SYNC_DAILY_BUDGET_REACHED`, before anything is sent — an operation whose requests would take
 * the day past the budget.
 *
 * Operations reserve what they cost before they start, by the quota's declared `costs` (the
 * numbers the quota plan counts with too: an upload `uploadRequestsOf`, a create call
 * `createItems`, an album opening a lookup and a create, a listing its first page), so a run never stops between a request and the record of its outcome. A
 * reservation counts until the operation ends, on top of the requests it already made, so the
 * check errs on the safe side. Requests beyond a reservation (retries after a failure) are
 * counted, never refused: refusing one would leave its operation half done.
 *
 * What the check sees: this run's requests (saved or not) plus what other runs had recorded at
 * the last read, which is at most a flush interval old; the count is re-read from the backend
 * before any refusal. Other runs' requests not written yet are not seen.
 */
export class RequestBudget {
  readonly #quota: SinkRequestQuota | undefined;
  readonly #backend: SyncStateBackend;
  readonly #shared: boolean;
  readonly #now: () => number;
  readonly #flushIntervalMs: number;
  readonly #writer: string;
  /** This run's requests per day, saved or not. */
  readonly #mine = new Map<string, number>();
  /** This run's totals as last written. */
  readonly #recorded = new Map<string, number>();
  /** Other runs' requests at the last read, per day. */
  readonly #others = new Map<string, number>();
  #reserved = 0;
  #lastFlush = Number.NEGATIVE_INFINITY;
  #lastRead = Number.NEGATIVE_INFINITY;
  #flushing: Promise<void> = Promise.resolve();

  constructor(options: RequestBudgetOptions) {
    this.#quota = options.quota;
    this.#backend = options.backend;
    this.#shared = resolveCapabilities(options.backend).requestCounts;
    this.#now = options.now;
    this.#flushIntervalMs = options.flushIntervalMs ?? 2_000;
    this.#writer = options.writer ?? `run-${randomUUID()}`;
  }

  /** Counts the sink's requests until the returned function is called. */
  attach(sink: { onRequest?(listener: () => void): () => void }): () => void {
    if (!this.#quota || !sink.onRequest) return () => {};
    return sink.onRequest(() => this.spend());
  }

  /** Counts one request the sink sent. */
  spend(): void {
    if (!this.#quota) return;
    const day = this.#today();
    this.#mine.set(day, (this.#mine.get(day) ?? 0) + 1);
  }

  /** Requests this run spent today (what it counted itself). */
  get spentByThisRun(): number {
    return this.#mine.get(this.#today()) ?? 0;
  }

  /**
   * Reserves `requests` for an operation about to start; resolves to the function that ends
   * the reservation (call it when the operation ended, whatever its outcome). Throws
   * `SYNC_DAILY_BUDGET_REACHED` when they do not fit in what is left of today's budget.
   */
  async reserve(requests: number): Promise<() => void> {
    const quota = this.#quota;
    if (!quota) return () => {};
    const day = this.#today();
    const stale = this.#now() - this.#lastRead >= this.#flushIntervalMs;
    if (stale || !this.#others.has(day) || !this.#fits(day, requests)) await this.#refresh(day);
    if (!this.#fits(day, requests)) throw this.#reached(quota, day);
    this.#reserved += requests;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.#reserved -= requests;
    };
  }

  /** Reserves what an upload of `size` bytes costs, resumed or not (see {@link reserve}). */
  reserveUpload(size: number, resuming: boolean): Promise<() => void> {
    return this.#reserveCost((costs) => uploadRequestsOf(costs, size, resuming));
  }

  /** Reserves what one `createItems` call costs (see {@link reserve}). */
  reserveCreate(): Promise<() => void> {
    return this.#reserveCost((costs) => costs.createItems);
  }

  /** Reserves what opening an album may cost: the lookup and a create (see {@link reserve}). */
  reserveAlbumOpen(): Promise<() => void> {
    return this.#reserveCost(albumOpenRequestsOf);
  }

  /** Reserves a listing's first page; its further pages are counted as they are read. */
  reserveListingPage(): Promise<() => void> {
    return this.#reserveCost((costs) => costs.listPage);
  }

  /**
   * Writes this run's totals to the backend when they changed, at most once per flush
   * interval unless `force`d. Writes never overlap; a failed write is tried again next time.
   */
  flush(options: { force?: boolean } = {}): Promise<void> {
    const run = this.#flushing.then(() => this.#flushNow(options.force ?? false));
    this.#flushing = run.catch(() => {});
    return run;
  }

  /** Today's spend as the backend and this run know it (re-read from the backend). */
  async today(): Promise<RequestBudgetDay | undefined> {
    const quota = this.#quota;
    if (!quota) return undefined;
    const day = this.#today();
    await this.#refresh(day);
    return {
      counter: quota.counter,
      day,
      timeZone: quota.timeZone,
      spent: this.#spent(day),
      budget: quota.dailyBudget,
      resetAt: nextMidnight(this.#now(), quota.timeZone).toISOString(),
    };
  }

  #reserveCost(cost: (costs: SinkRequestCosts) => number): Promise<() => void> {
    return this.reserve(this.#quota ? cost(this.#quota.costs) : 0);
  }

  #today(): string {
    return calendarDay(this.#now(), this.#quota!.timeZone);
  }

  #spent(day: string): number {
    return (this.#others.get(day) ?? 0) + (this.#mine.get(day) ?? 0);
  }

  #fits(day: string, requests: number): boolean {
    return this.#spent(day) + this.#reserved + requests <= this.#quota!.dailyBudget;
  }

  /** Writes this run's count, then reads what every run recorded for `day`. */
  async #refresh(day: string): Promise<void> {
    if (!this.#shared) {
      this.#others.set(day, 0);
      return;
    }
    await this.flush({ force: true });
    const total = await this.#backend.requestsSpent!(this.#quota!.counter, day);
    this.#others.set(day, Math.max(0, total - (this.#recorded.get(day) ?? 0)));
    this.#lastRead = this.#now();
  }

  async #flushNow(force: boolean): Promise<void> {
    if (!this.#quota || !this.#shared) return;
    const now = this.#now();
    if (!force && now - this.#lastFlush < this.#flushIntervalMs) return;
    for (const [day, requests] of this.#mine) {
      if (this.#recorded.get(day) === requests) continue;
      await this.#backend.recordRequests!({
        counter: this.#quota.counter,
        day,
        writer: this.#writer,
        requests,
      });
      this.#recorded.set(day, requests);
    }
    this.#lastFlush = now;
  }

  #reached(quota: SinkRequestQuota, day: string): Q2gError {
    const resumeAt = nextMidnight(this.#now(), quota.timeZone).toISOString();
    const spent = this.#spent(day);
    return new Q2gError(
      'SYNC_DAILY_BUDGET_REACHED',
      `Today's budget of ${quota.dailyBudget} requests (${quota.counter}) is reached: ${spent} spent, ${this.#reserved} in flight; stopped before going over it.`,
      {
        hint: `Run again after ${resumeAt} (midnight ${quota.timeZone}), or raise the daily request budget.`,
        details: { resumeAt, day, spent, budget: quota.dailyBudget },
      },
    );
  }
}
