import { isQ2gError } from '@q2google/core';
import { describe, expect, it } from 'vitest';
import { createProcessClock, TEST_CLOCK_VARIABLE } from './process-clock.js';

const DAY = 86_400_000;
const START = '2026-03-01T07:59:00.000Z';

describe('the process clock', () => {
  it('with the test-only start instant: starts there, and a sleep moves it on at once', async () => {
    const clock = createProcessClock({ [TEST_CLOCK_VARIABLE]: START });
    const first = clock.now();
    expect(first).toBeGreaterThanOrEqual(Date.parse(START));
    expect(first).toBeLessThan(Date.parse(START) + DAY);
    await clock.sleep(DAY, new AbortController().signal);
    expect(clock.now() - first).toBeGreaterThanOrEqual(DAY);
  });

  it('rejects a sleep whose signal is aborted, virtual or real', async () => {
    const aborted = AbortSignal.abort();
    const virtual = createProcessClock({ [TEST_CLOCK_VARIABLE]: START });
    await expect(virtual.sleep(DAY, aborted)).rejects.toThrow();
    await expect(createProcessClock({}).sleep(DAY, aborted)).rejects.toThrow();
  });

  it('refuses a start that is not an instant', () => {
    const error = (() => {
      try {
        createProcessClock({ [TEST_CLOCK_VARIABLE]: 'tomorrow' });
      } catch (caught) {
        return caught;
      }
    })();
    expect(isQ2gError(error, 'CONFIG_INVALID')).toBe(true);
  });
});
