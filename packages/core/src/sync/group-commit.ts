/**
 * Group commit: runs a commit function at most once at a time, and lets every request made
 * while one runs share the next run. A request resolves when a run that started after it
 * (and so saw its change) has finished; a request may ask to wait up to `delayMs` first, so
 * the changes of that slice go in one run.
 */
export class GroupCommit {
  readonly #commit: () => Promise<void>;
  /** The run in progress, if any. */
  #running: Promise<void> | undefined;
  /** The run every request since the current one started waits on. */
  #next: NextRun | undefined;

  constructor(commit: () => Promise<void>) {
    this.#commit = commit;
  }

  /** True while a run is in progress or one is waiting to start. */
  get busy(): boolean {
    return this.#running !== undefined || this.#next !== undefined;
  }

  /**
   * Asks for a run that starts within `delayMs` (0: as soon as the one in progress ends) and
   * resolves when it has finished; rejects with its error.
   */
  request(delayMs = 0): Promise<void> {
    const dueAt = Date.now() + Math.max(0, delayMs);
    const next = this.#next ?? this.#newRun(dueAt);
    if (dueAt < next.dueAt) next.dueAt = dueAt;
    this.#schedule();
    return next.done;
  }

  #newRun(dueAt: number): NextRun {
    let resolve!: () => void;
    let reject!: (error: unknown) => void;
    const done = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    // A background request nobody awaits must not become an unhandled rejection.
    done.catch(() => {});
    this.#next = { done, resolve, reject, dueAt, timer: undefined };
    return this.#next;
  }

  /** Starts the next run when it is due and nothing runs; otherwise sets a timer for it. */
  #schedule(): void {
    const next = this.#next;
    if (!next || this.#running) return;
    if (next.timer) clearTimeout(next.timer);
    next.timer = undefined;
    const wait = next.dueAt - Date.now();
    if (wait > 0) {
      next.timer = setTimeout(() => {
        next.timer = undefined;
        this.#schedule();
      }, wait);
      return;
    }
    this.#next = undefined;
    this.#running = this.#run(next);
  }

  async #run(run: NextRun): Promise<void> {
    try {
      await this.#commit();
      run.resolve();
    } catch (error) {
      run.reject(error);
    } finally {
      this.#running = undefined;
      this.#schedule();
    }
  }
}

interface NextRun {
  done: Promise<void>;
  resolve(): void;
  reject(error: unknown): void;
  /** Epoch ms the run should start by. */
  dueAt: number;
  timer: NodeJS.Timeout | undefined;
}
