/**
 * Leases kept in memory: which worker holds which unit (or session-wide role) until when.
 * Used by the in-memory reference backend; a clock is injected so expiry is testable.
 */

/** One lease: the holder and the instant (ms since epoch) it ends. */
export interface Lease {
  workerId: string;
  until: number;
}

/** A table of leases keyed by session id, then by unit key or role name. */
export class LeaseTable {
  private readonly bySession = new Map<string, Map<string, Lease>>();

  constructor(private readonly now: () => number) {}

  /** The live lease on `key`, or undefined when there is none or it expired. */
  live(sessionId: string, key: string): Lease | undefined {
    const lease = this.bySession.get(sessionId)?.get(key);
    return lease && lease.until > this.now() ? lease : undefined;
  }

  /** True when `workerId` holds a live lease on `key`. */
  heldBy(sessionId: string, key: string, workerId: string): boolean {
    return this.live(sessionId, key)?.workerId === workerId;
  }

  /** Gives `key` to `workerId` for `ms` from now. */
  grant(sessionId: string, key: string, workerId: string, ms: number): void {
    let leases = this.bySession.get(sessionId);
    if (!leases) {
      leases = new Map();
      this.bySession.set(sessionId, leases);
    }
    leases.set(key, { workerId, until: this.now() + ms });
  }

  /** Drops the lease on `key` when `workerId` holds it (live or expired). */
  release(sessionId: string, key: string, workerId: string): void {
    const leases = this.bySession.get(sessionId);
    if (leases?.get(key)?.workerId === workerId) leases.delete(key);
  }
}
