/** A sink's requests per day, one document per writer (capability `requestCounts`). */
import type { RequestTally } from '@q2google/core';
import type { Collections } from './collections.js';
import { RequestCountDocSchema } from './documents.js';

/** Keeps the larger of the stored and the given total: one `$max` upsert, atomic per document. */
export async function recordRequests(c: Collections, tally: RequestTally): Promise<void> {
  const { counter, day, writer, requests } = tally;
  const write = () =>
    c.requestCounts.updateOne(
      { _id: JSON.stringify([counter, day, writer]) },
      { $max: { requests }, $setOnInsert: { counter, day, writer } },
      { upsert: true },
    );
  try {
    await write();
  } catch (error) {
    // Two upserts of a new document race to insert it; the loser updates the winner's.
    if ((error as { code?: unknown }).code !== 11000) throw error;
    await write();
  }
}

/** The totals of every writer of `counter` on `day`, summed. */
export async function requestsSpent(c: Collections, counter: string, day: string): Promise<number> {
  let total = 0;
  for await (const raw of c.requestCounts.find({ counter, day })) {
    total += RequestCountDocSchema.parse(raw).requests;
  }
  return total;
}
