/** A clock the emulator reads for token and signed-URL expiry; tests move it forward. */
export interface EmulatorClock {
  /** Milliseconds since the epoch, as the emulator sees them. */
  now(): number;
  /** Moves the emulator's time forward by `ms` (tokens and URLs expire accordingly). */
  advance(ms: number): void;
}

/** A clock offset from `base` (the real clock unless injected) by however far it was advanced. */
export function createEmulatorClock(base: () => number = Date.now): EmulatorClock {
  let offset = 0;
  return {
    now: () => base() + offset,
    advance: (ms) => {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError('advance() takes a non-negative ms');
      offset += ms;
    },
  };
}
