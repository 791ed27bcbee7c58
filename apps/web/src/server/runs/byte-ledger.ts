/**
 * The byte counts of one run: per unit, the size to move (the served size once the transfer
 * starts, the listed size before), where this run started it, and how far it got. Sent never
 * exceeds the total: a unit counts at most its own size, bytes re-sent after a restart count
 * once, and a size unknown at discovery (a burst frame, an item still uploading to GoPro) joins
 * the total when the transfer reveals it.
 */
import type { ItemState } from '@q2google/core';
import type { SyncEvent } from '@q2google/core/engine';

interface UnitBytes {
  size: number;
  /** Bytes already in Google Photos when this run took the unit up. */
  start: number;
  /** Furthest byte this run has sent (confirmed or in flight). */
  reached: number;
}

/** Bytes to send and bytes sent by one run, kept as running sums. */
export class ByteLedger {
  readonly #units = new Map<string, UnitBytes>();
  #seeded = false;
  #total = 0;
  #sent = 0;

  /**
   * Adds the session's units once discovery has ended. Units created before `startedAt` and
   * skipped units are not this run's work; units met through events first keep what was seen.
   */
  seed(items: Iterable<ItemState>, startedAt: string): void {
    for (const item of items) {
      if (this.#units.has(item.key) || item.status === 'skipped') continue;
      const size = item.servedSize ?? item.size ?? 0;
      if (item.status === 'created') {
        if ((item.createdAt ?? '') >= startedAt) this.#add(item.key, size, 0, size);
        continue;
      }
      const moved = item.status === 'uploaded' || item.status === 'creating';
      const start = moved ? size : Math.min(size, item.upload?.offset ?? 0);
      this.#add(item.key, size, start, start);
    }
    this.#seeded = true;
  }

  /** Applies one engine event; true when a count may have changed. */
  apply(event: SyncEvent): boolean {
    if (event.type === 'unit-started') {
      if (!this.#units.has(event.key)) {
        this.#add(event.key, event.size, event.offset, event.offset);
        return true;
      }
      return this.#change(event.key, (unit) => {
        unit.size = event.size;
        unit.start = Math.min(unit.start, event.size);
        unit.reached = Math.max(unit.reached, event.offset);
      });
    }
    if (event.type === 'bytes') {
      return this.#change(event.key, (unit) => {
        unit.size = event.size;
        unit.reached = Math.max(unit.reached, event.sent);
      });
    }
    if (event.type === 'unit-done' && event.status === 'skipped') {
      return this.#change(event.key, (unit) => {
        unit.size = 0;
        unit.start = 0;
        unit.reached = 0;
      });
    }
    if (event.type === 'unit-done' && (event.status === 'uploaded' || event.status === 'created')) {
      return this.#change(event.key, (unit) => {
        unit.reached = unit.size;
      });
    }
    return false;
  }

  /** Bytes this run has to move; null until the session's units are known. */
  get total(): number | null {
    return this.#seeded ? this.#total : null;
  }

  /** Bytes this run has sent, never more than {@link total}. */
  get sent(): number {
    return this.#sent;
  }

  #add(key: string, size: number, start: number, reached: number): void {
    const unit = { size, start, reached };
    this.#units.set(key, unit);
    this.#count(unit, 1);
  }

  #change(key: string, mutate: (unit: UnitBytes) => void): boolean {
    const unit = this.#units.get(key);
    if (!unit) return false;
    this.#count(unit, -1);
    mutate(unit);
    this.#count(unit, 1);
    return true;
  }

  #count(unit: UnitBytes, sign: 1 | -1): void {
    this.#total += sign * Math.max(0, unit.size - unit.start);
    this.#sent += sign * Math.max(0, Math.min(unit.reached, unit.size) - unit.start);
  }
}
