/** The cross-session ledger: units some session already created in Google Photos. */
import type { LedgerEntry } from '@q2google/core';
import { chunked, type PgPoolLike } from './db.js';
import type { TableNames } from './names.js';

const CHUNK = 5_000;

/** The stored entries for these keys. */
export async function lookupLedger(
  pool: PgPoolLike,
  t: TableNames,
  keys: readonly string[],
): Promise<Map<string, LedgerEntry>> {
  const found = new Map<string, LedgerEntry>();
  for (const chunk of chunked([...new Set(keys)], CHUNK)) {
    const { rows } = await pool.query<{
      key: string;
      session_id: string;
      media_item_id: string;
      created_at: string;
    }>(
      `SELECT key, session_id, media_item_id, created_at FROM ${t.ledger} WHERE key = ANY($1::text[])`,
      [chunk],
    );
    for (const row of rows) {
      found.set(row.key, {
        key: row.key,
        sessionId: row.session_id,
        mediaItemId: row.media_item_id,
        createdAt: row.created_at,
      });
    }
  }
  return found;
}

/** Records entries; a key already recorded keeps its first entry. */
export async function recordLedger(
  pool: PgPoolLike,
  t: TableNames,
  entries: readonly LedgerEntry[],
): Promise<void> {
  for (const chunk of chunked(entries, CHUNK)) {
    await pool.query(
      `INSERT INTO ${t.ledger} (key, session_id, media_item_id, created_at)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
       ON CONFLICT (key) DO NOTHING`,
      [
        chunk.map((e) => e.key),
        chunk.map((e) => e.sessionId),
        chunk.map((e) => e.mediaItemId),
        chunk.map((e) => e.createdAt),
      ],
    );
  }
}
