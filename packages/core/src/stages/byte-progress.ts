import type { SyncEventInput } from '../sync/sync-events.js';

/** The least time between two `bytes` events of one unit, except the last. */
export const BYTES_EVENT_INTERVAL_MS = 100;

/** A unit's byte progress, reported through {@link byteProgress}. */
export interface ByteProgress {
  /** The unit has `sent` bytes out (capped at its size). */
  report(sent: number): void;
  /** Emits the last reported count if it was held back (call when the upload ends). */
  flush(): void;
}

/**
 * A unit's byte progress as `bytes` events: at most one per {@link BYTES_EVENT_INTERVAL_MS}
 * (a lane's chunks in between are folded into the next), always the one that reaches the
 * unit's size, and on `flush` the last one held back — so a listener's final count is exact.
 */
export function byteProgress(
  emit: (event: SyncEventInput) => void,
  key: string,
  size: number,
  clock: () => number = () => performance.now(),
): ByteProgress {
  let lastAt = Number.NEGATIVE_INFINITY;
  let held: number | undefined;
  const send = (sent: number) => {
    held = undefined;
    lastAt = clock();
    emit({ type: 'bytes', key, sent, size });
  };
  return {
    report(sent) {
      const capped = Math.min(sent, size);
      if (capped < size && clock() - lastAt < BYTES_EVENT_INTERVAL_MS) held = capped;
      else send(capped);
    },
    flush() {
      if (held !== undefined) send(held);
    },
  };
}
