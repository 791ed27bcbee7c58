/**
 * Request counts: a sink's requests per day, recorded by every run as its own running total
 * and summed per counter and day; a write is idempotent and concurrent writers lose nothing.
 */
import type { RequestTally } from '@q2google/core';
import { randomSessionId } from '../fixtures.js';
import { closeQuietly, type GroupInput, skipGroup, using } from '../harness.js';

const TITLE = 'request-counts';

/** Registers the `request-counts` group (capability `requestCounts`). */
export function requestCountsGroup(input: GroupInput): void {
  const { api, options, ctx, capabilities } = input;
  const { describe, test, expect } = api;
  if (!capabilities.requestCounts) {
    skipGroup(api, TITLE, 'the backend does not declare requestCounts');
    return;
  }
  const open = () => options.create(ctx);
  const DAY = '2026-01-15';
  const tally = (counter: string, writer: string, requests: number, day = DAY): RequestTally => ({
    counter,
    day,
    writer,
    requests,
  });

  describe(TITLE, () => {
    test('a counter nobody recorded has spent 0', async () => {
      await using(open, async (backend) => {
        expect(await backend.requestsSpent!(randomSessionId('counter'), DAY)).toBe(0);
      });
    });

    test("the writers' totals of a day are summed; other counters and days are apart", async () => {
      const counter = randomSessionId('counter');
      await using(open, async (backend) => {
        await backend.recordRequests!(tally(counter, 'run-a', 7));
        await backend.recordRequests!(tally(counter, 'run-b', 5));
        await backend.recordRequests!(tally(counter, 'run-a', 3, '2026-01-16'));
        await backend.recordRequests!(tally(`${counter}-other`, 'run-a', 100));
        expect(await backend.requestsSpent!(counter, DAY)).toBe(12);
        expect(await backend.requestsSpent!(counter, '2026-01-16')).toBe(3);
        expect(await backend.requestsSpent!(`${counter}-other`, DAY)).toBe(100);
      });
    });

    test('a writer recording a total again, or a smaller one, changes nothing', async () => {
      const counter = randomSessionId('counter');
      await using(open, async (backend) => {
        await backend.recordRequests!(tally(counter, 'run-a', 9));
        await backend.recordRequests!(tally(counter, 'run-a', 9));
        await backend.recordRequests!(tally(counter, 'run-a', 4));
        expect(await backend.requestsSpent!(counter, DAY)).toBe(9);
        await backend.recordRequests!(tally(counter, 'run-a', 11));
        expect(await backend.requestsSpent!(counter, DAY)).toBe(11);
      });
    });

    test('two workers recording at the same time lose no request', async () => {
      const counter = randomSessionId('counter');
      const a = await open();
      const b = await open();
      try {
        // Each worker writes its growing total 1..40, one write after another as the engine
        // does; the two workers' writes interleave.
        const writes = async (backend: typeof a, writer: string) => {
          for (let i = 1; i <= 40; i++) await backend.recordRequests!(tally(counter, writer, i));
        };
        await Promise.all([writes(a, 'worker-a'), writes(b, 'worker-b')]);
        expect(await a.requestsSpent!(counter, DAY)).toBe(80);
        expect(await b.requestsSpent!(counter, DAY)).toBe(80);
      } finally {
        await closeQuietly(a);
        await closeQuietly(b);
      }
    });

    test('the count survives a reopen', async () => {
      const counter = randomSessionId('counter');
      await using(open, (backend) => backend.recordRequests!(tally(counter, 'run-a', 21)));
      await using(open, async (backend) => {
        expect(await backend.requestsSpent!(counter, DAY)).toBe(21);
      });
    });
  });
}
