import type { ItemState, ItemStatus } from '@q2google/core';
import type { SyncEvent } from '@q2google/core/engine';

/** One transfer in flight. */
export interface ActiveTransfer {
  key: string;
  fileName: string;
  size: number;
  sent: number;
}

/** What the progress display shows, derived from the stored units and the engine's events. */
export interface ProgressSnapshot {
  stage: string;
  unitsFound: number;
  /** Units to transfer (not skipped). */
  unitsTotal: number;
  unitsCreated: number;
  /** Units whose bytes are in Google Photos (uploaded, being created, or created). */
  unitsUploaded: number;
  unitsFailed: number;
  unitsSkipped: number;
  bytesTotal: number;
  bytesDone: number;
  /** Bytes per second moved during this run, once known. */
  rate: number | undefined;
  /** Milliseconds left at the current rate, once known. */
  etaMs: number | undefined;
  active: ActiveTransfer[];
}

const MOVED: readonly ItemStatus[] = ['uploaded', 'creating', 'created'];

/**
 * Live progress of one run. Units and their sizes come from what the engine saves (see
 * `observeBackend`); active transfers and the byte rate come from its events.
 */
export class ProgressModel {
  readonly #units = new Map<string, { status: ItemStatus; size: number }>();
  readonly #active = new Map<string, ActiveTransfer>();
  #stage = 'starting';
  #unitsFound = 0;
  #movedThisRun = 0;
  #firstBytesAt: number | undefined;

  constructor(private readonly now: () => number) {}

  /** Records units as the backend stored them. */
  updateUnits(items: Iterable<ItemState>): void {
    for (const item of items) {
      this.#units.set(item.key, { status: item.status, size: item.servedSize ?? item.size ?? 0 });
    }
    this.#unitsFound = Math.max(this.#unitsFound, this.#units.size);
  }

  /** Applies one engine event. */
  apply(event: SyncEvent): void {
    switch (event.type) {
      case 'stage-started':
        this.#stage = event.stage;
        break;
      case 'discovery-page':
        this.#unitsFound = Math.max(this.#unitsFound, event.unitsFound);
        break;
      case 'unit-started': {
        const known = this.#units.get(event.key);
        if (known && known.size !== event.size) known.size = event.size;
        this.#active.set(event.key, {
          key: event.key,
          fileName: event.fileName,
          size: event.size,
          sent: event.offset,
        });
        break;
      }
      case 'bytes': {
        const active = this.#active.get(event.key);
        const before = active?.sent ?? 0;
        if (event.sent > before) {
          this.#movedThisRun += event.sent - before;
          this.#firstBytesAt ??= this.now();
        }
        if (active) active.sent = Math.max(before, event.sent);
        break;
      }
      case 'unit-done':
        this.#active.delete(event.key);
        this.#units.set(event.key, {
          status: event.status,
          size: this.#units.get(event.key)?.size ?? 0,
        });
        break;
      case 'summary':
        this.#stage = 'done';
        this.#active.clear();
        break;
      default:
        break;
    }
  }

  /** The numbers to show now. */
  snapshot(): ProgressSnapshot {
    let [total, created, uploaded, failed, skipped, bytesTotal, bytesDone] = [0, 0, 0, 0, 0, 0, 0];
    for (const [key, unit] of this.#units) {
      if (unit.status === 'skipped') {
        skipped += 1;
        continue;
      }
      total += 1;
      bytesTotal += unit.size;
      if (unit.status === 'created') created += 1;
      if (unit.status === 'failed') failed += 1;
      if (MOVED.includes(unit.status)) {
        uploaded += 1;
        bytesDone += unit.size;
      } else bytesDone += this.#active.get(key)?.sent ?? 0;
    }
    const elapsed = this.#firstBytesAt === undefined ? 0 : this.now() - this.#firstBytesAt;
    const rate = elapsed >= 1000 ? (this.#movedThisRun * 1000) / elapsed : undefined;
    const left = Math.max(0, bytesTotal - bytesDone);
    return {
      stage: this.#stage,
      unitsFound: this.#unitsFound,
      unitsTotal: total,
      unitsCreated: created,
      unitsUploaded: uploaded,
      unitsFailed: failed,
      unitsSkipped: skipped,
      bytesTotal,
      bytesDone: Math.min(bytesDone, bytesTotal),
      rate,
      etaMs: rate && rate > 0 ? (left / rate) * 1000 : undefined,
      active: [...this.#active.values()],
    };
  }
}
