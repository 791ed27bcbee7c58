import { setTimeout as delay } from 'node:timers/promises';
import { Q2gError } from '@q2google/core';
import type { CliClock } from '../context.js';

/**
 * For tests only: an ISO instant at which the CLI's clock starts (see {@link createVirtualClock}).
 * Not a setting: it is not listed, not documented for users, and read only by the process
 * context, so the sandbox's tests can run the real binary past a quota reset.
 */
export const TEST_CLOCK_VARIABLE = 'Q2G_TEST_CLOCK_START';

/** A clock a test moves on by hand as well as by sleeping. */
export interface VirtualClock extends CliClock {
  /** Moves the clock `ms` milliseconds forward at once. */
  advance(ms: number): void;
}

/**
 * A virtual clock for tests and simulations: it starts at `start` (ms since the epoch),
 * advances with real time, and a `sleep` moves it forward at once instead of waiting — like
 * the sandbox emulators' injectable clocks, which can be given its `now`.
 */
export function createVirtualClock(start: number): VirtualClock {
  const realStart = Date.now();
  let slept = 0;
  return {
    now: () => start + (Date.now() - realStart) + slept,
    every: realEvery,
    sleep: async (ms, signal) => {
      signal.throwIfAborted();
      slept += Math.max(0, ms);
    },
    advance: (ms) => {
      slept += ms;
    },
  };
}

/**
 * The clock of a real process: the system clock, or the virtual clock when the test-only
 * `Q2G_TEST_CLOCK_START` names an instant.
 */
export function createProcessClock(env: Record<string, string | undefined>): CliClock {
  const start = env[TEST_CLOCK_VARIABLE];
  if (start !== undefined && start !== '') {
    const at = Date.parse(start);
    if (Number.isNaN(at)) {
      throw new Q2gError(
        'CONFIG_INVALID',
        `${TEST_CLOCK_VARIABLE} is not an ISO instant: ${start}`,
      );
    }
    return createVirtualClock(at);
  }
  return {
    now: () => Date.now(),
    every: realEvery,
    sleep: (ms, signal) => delay(ms, undefined, { signal }),
  };
}

function realEvery(ms: number, fn: () => void): () => void {
  const timer = setInterval(fn, ms);
  timer.unref();
  return () => clearInterval(timer);
}
