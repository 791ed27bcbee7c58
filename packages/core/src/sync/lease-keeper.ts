import { Q2gError } from '../errors/q2g-error.js';
import type { SyncStateBackend } from '../protocol/state-backend.js';

/**
 * Holds a worker's leases: session roles and claimed units. Renews them every third of the
 * lease time; a unit whose lease was lost is aborted (another worker owns it now).
 */
export class LeaseKeeper {
  readonly #roles = new Set<string>();
  readonly #units = new Map<string, AbortController>();
  /** Removes a unit's listener from the worker's signal (so listeners do not pile up). */
  readonly #detach = new Map<string, () => void>();
  readonly #timer: NodeJS.Timeout;

  constructor(
    private readonly backend: SyncStateBackend,
    private readonly sessionId: string,
    readonly workerId: string,
    private readonly leaseMs: number,
    private readonly onError: (error: unknown) => void,
  ) {
    this.#timer = setInterval(() => void this.#renew(), Math.max(50, Math.floor(leaseMs / 3)));
    this.#timer.unref();
  }

  /** Takes or keeps a role; true while this worker holds it. */
  async holdRole(role: string): Promise<boolean> {
    const held = await this.backend.acquireRole!({
      sessionId: this.sessionId,
      role,
      workerId: this.workerId,
      leaseMs: this.leaseMs,
    });
    if (held) this.#roles.add(role);
    else this.#roles.delete(role);
    return held;
  }

  /** Starts renewing a claimed unit; the returned signal aborts if the lease is lost. */
  track(key: string, parent: AbortSignal): AbortSignal {
    const controller = new AbortController();
    const forward = () => controller.abort(parent.reason);
    const detach = () => parent.removeEventListener('abort', forward);
    parent.addEventListener('abort', forward, { once: true });
    controller.signal.addEventListener('abort', detach, { once: true });
    this.#units.set(key, controller);
    this.#detach.set(key, detach);
    return controller.signal;
  }

  /** Renews one unit's lease now; throws `STATE_LEASE_LOST` (and aborts it) when it is gone. */
  async confirm(key: string): Promise<void> {
    const held = await this.backend.renewLeases!(
      this.sessionId,
      this.workerId,
      [key],
      this.leaseMs,
    );
    if (held.includes(key)) return;
    const error = new Q2gError(
      'STATE_LEASE_LOST',
      `The lease on unit "${key}" expired; another worker took it.`,
    );
    this.#units.get(key)?.abort(error);
    this.#units.delete(key);
    throw error;
  }

  /** Stops renewing a unit and gives it back to the pool. */
  async release(key: string): Promise<void> {
    this.#units.delete(key);
    this.#detach.get(key)?.();
    this.#detach.delete(key);
    await this.backend.releaseLeases!(this.sessionId, this.workerId, [key]);
  }

  /** Stops renewing; gives roles and units back unless `abandon` (a dying worker can't). */
  async stop(abandon = false): Promise<void> {
    clearInterval(this.#timer);
    if (abandon) return;
    const keys = [...this.#units.keys()];
    this.#units.clear();
    const releases = [...this.#roles].map((role) =>
      this.backend.releaseRole!(this.sessionId, role, this.workerId),
    );
    if (keys.length > 0)
      releases.push(this.backend.releaseLeases!(this.sessionId, this.workerId, keys));
    await Promise.allSettled(releases);
  }

  async #renew(): Promise<void> {
    try {
      for (const role of this.#roles) await this.holdRole(role);
      const keys = [...this.#units.keys()];
      if (keys.length === 0) return;
      const held = new Set(
        await this.backend.renewLeases!(this.sessionId, this.workerId, keys, this.leaseMs),
      );
      for (const key of keys) {
        if (held.has(key)) continue;
        this.#units
          .get(key)
          ?.abort(
            new Q2gError(
              'STATE_LEASE_LOST',
              `The lease on unit "${key}" expired; another worker took it.`,
            ),
          );
        this.#units.delete(key);
      }
    } catch (error) {
      this.onError(error);
    }
  }
}
