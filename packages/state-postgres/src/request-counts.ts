/** A sink's requests per day, one row per writer (capability `requestCounts`). */
import type { RequestTally } from '@q2google/core';
import type { PgPoolLike } from './db.js';
import type { TableNames } from './names.js';

/** Keeps the larger of the stored and the given total, in one atomic upsert. */
export async function recordRequests(
  pool: PgPoolLike,
  t: TableNames,
  tally: RequestTally,
): Promise<void> {
  await pool.query(
    `INSERT INTO ${t.requestCounts} (counter, day, writer, requests) VALUES ($1, $2, $3, $4)
     ON CONFLICT (counter, day, writer)
     DO UPDATE SET requests = GREATEST(${t.requestCounts}.requests, excluded.requests)`,
    [tally.counter, tally.day, tally.writer, tally.requests],
  );
}

/** The totals of every writer of `counter` on `day`, summed. */
export async function requestsSpent(
  pool: PgPoolLike,
  t: TableNames,
  counter: string,
  day: string,
): Promise<number> {
  const { rows } = await pool.query<{ n: string | null }>(
    `SELECT sum(requests) AS n FROM ${t.requestCounts} WHERE counter = $1 AND day = $2`,
    [counter, day],
  );
  return Number(rows[0]?.n ?? 0);
}
