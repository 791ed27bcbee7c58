/**
 * Reading sessions: `load` reads one snapshot with one query per table and validates the
 * assembled document once with core's `parseSessionDocument` (which also migrates old
 * documents); `listSessions` counts units per status with one GROUP BY and leaves the rows'
 * assembly to core.
 */
import {
  newestFirst,
  parseSessionDocument,
  type SessionState,
  type SessionSummary,
  summarizeStoredSession,
} from '@q2google/core';
import { inTransaction, type PgPoolLike } from './db.js';
import type { TableNames } from './names.js';

/** The stored session `sessionId`, validated, or null when there is none. */
export async function readSession(
  pool: PgPoolLike,
  t: TableNames,
  sessionId: string,
): Promise<SessionState | null> {
  const raw = await inTransaction(
    pool,
    async (client) => {
      const meta = await client.query<{ meta: unknown }>(
        `SELECT meta FROM ${t.sessions} WHERE id = $1`,
        [sessionId],
      );
      if (meta.rows.length === 0) return null;
      const items = await client.query<[string, unknown]>({
        text: `SELECT key, doc FROM ${t.items} WHERE session_id = $1`,
        values: [sessionId],
        rowMode: 'array',
      });
      const batches = await client.query<[string, unknown]>({
        text: `SELECT id, doc FROM ${t.batches} WHERE session_id = $1`,
        values: [sessionId],
        rowMode: 'array',
      });
      return { meta: meta.rows[0]!.meta, items: items.rows, batches: batches.rows };
    },
    'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
  );
  if (!raw) return null;
  const meta = typeof raw.meta === 'object' && raw.meta !== null ? raw.meta : { meta: raw.meta };
  return parseSessionDocument(
    { ...meta, items: Object.fromEntries(raw.items), batches: Object.fromEntries(raw.batches) },
    { source: `PostgreSQL session "${sessionId}"` },
  );
}

/**
 * Every stored session, newest first, with unit counts per status. A session whose stored meta
 * is damaged, foreign or too new is left out here (loading it reports why).
 */
export async function listStoredSessions(
  pool: PgPoolLike,
  t: TableNames,
): Promise<SessionSummary[]> {
  const { rows } = await pool.query<{
    id: string;
    meta: unknown;
    counts: SessionSummary['counts'];
  }>(
    `SELECT s.id, s.meta, coalesce(c.counts, '{}'::jsonb) AS counts
     FROM ${t.sessions} AS s
     LEFT JOIN (
       SELECT session_id, jsonb_object_agg(status, n) AS counts
       FROM (SELECT session_id, status, count(*)::int AS n FROM ${t.items} GROUP BY session_id, status) AS g
       GROUP BY session_id
     ) AS c ON c.session_id = s.id`,
  );
  return newestFirst(
    rows
      .map((row) => summarizeStoredSession(() => row.meta, row.counts))
      .filter((row) => row !== undefined),
  );
}
