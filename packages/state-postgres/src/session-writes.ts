/**
 * Writing sessions: `save` replaces a whole session, `saveChanges` upserts only what changed.
 * Both run in one transaction; units and batches go in multi-row upserts over `unnest` arrays,
 * in chunks, so a statement's cost is proportional to the rows it carries. Rows whose document
 * did not change are not rewritten, and lease columns are never touched by a save.
 */
import {
  type BatchState,
  type ItemState,
  Q2gError,
  type SessionChange,
  type SessionMeta,
  type SessionState,
} from '@q2google/core';
import type { PoolClient } from 'pg';
import { chunked } from './db.js';
import type { TableNames } from './names.js';

/** Rows per upsert statement. */
const CHUNK = 2_000;

/** The session's meta: everything but its units and batches. */
export function metaOf(state: SessionState): SessionMeta {
  const { items: _items, batches: _batches, ...meta } = state;
  return meta;
}

async function upsertMeta(client: PoolClient, t: TableNames, meta: SessionMeta): Promise<void> {
  await client.query(
    `INSERT INTO ${t.sessions} (id, schema_version, meta, updated_at)
     VALUES ($1, $2, $3::jsonb, $4)
     ON CONFLICT (id) DO UPDATE SET schema_version = EXCLUDED.schema_version,
       meta = EXCLUDED.meta, updated_at = EXCLUDED.updated_at`,
    [meta.id, meta.schemaVersion, JSON.stringify(meta), meta.updatedAt],
  );
}

/** Last write wins when one key appears twice in a change. */
function lastByKey<T>(list: readonly T[], keyOf: (v: T) => string): T[] {
  return [...new Map(list.map((v) => [keyOf(v), v])).values()];
}

/**
 * Upserts units or batches (a record's `status` and whole document), last write per id wins;
 * rows whose document did not change are left untouched.
 */
async function upsertRecords<R extends { status: string }>(
  client: PoolClient,
  table: string,
  idColumn: 'key' | 'id',
  sessionId: string,
  records: readonly R[],
  idOf: (record: R) => string,
): Promise<void> {
  for (const chunk of chunked(lastByKey(records, idOf), CHUNK)) {
    await client.query(
      `INSERT INTO ${table} AS r (session_id, ${idColumn}, status, doc)
       SELECT $1, u.id, u.status, u.doc::jsonb
       FROM unnest($2::text[], $3::text[], $4::text[]) AS u(id, status, doc)
       ON CONFLICT (session_id, ${idColumn}) DO UPDATE SET status = EXCLUDED.status, doc = EXCLUDED.doc
       WHERE r.doc IS DISTINCT FROM EXCLUDED.doc`,
      [sessionId, chunk.map(idOf), chunk.map((r) => r.status), chunk.map((r) => JSON.stringify(r))],
    );
  }
}

const upsertItems = (
  client: PoolClient,
  t: TableNames,
  sessionId: string,
  items: readonly ItemState[],
) => upsertRecords(client, t.items, 'key', sessionId, items, (i) => i.key);

const upsertBatches = (
  client: PoolClient,
  t: TableNames,
  sessionId: string,
  batches: readonly BatchState[],
) => upsertRecords(client, t.batches, 'id', sessionId, batches, (b) => b.id);

/** Replaces the whole stored session with `state` (call inside a transaction). */
export async function writeSession(
  client: PoolClient,
  t: TableNames,
  state: SessionState,
): Promise<void> {
  const items = Object.values(state.items);
  const batches = Object.values(state.batches);
  await upsertMeta(client, t, metaOf(state));
  await upsertItems(client, t, state.id, items);
  await upsertBatches(client, t, state.id, batches);
  // Anti-joins against the kept keys: one hash join, whatever the session's size.
  await client.query(
    `DELETE FROM ${t.items} AS i WHERE i.session_id = $1
     AND NOT EXISTS (SELECT 1 FROM unnest($2::text[]) AS k(key) WHERE k.key = i.key)`,
    [state.id, items.map((i) => i.key)],
  );
  await client.query(
    `DELETE FROM ${t.batches} AS b WHERE b.session_id = $1
     AND NOT EXISTS (SELECT 1 FROM unnest($2::text[]) AS k(id) WHERE k.id = b.id)`,
    [state.id, batches.map((b) => b.id)],
  );
}

/**
 * Stores the changed units and batches of a session and its meta when the change has one
 * (inside a transaction). Without a meta the session must exist (`STATE_INVALID` otherwise).
 */
export async function writeChanges(
  client: PoolClient,
  t: TableNames,
  change: SessionChange,
): Promise<void> {
  if (change.meta) {
    await upsertMeta(client, t, { ...change.meta, id: change.sessionId });
  } else {
    const found = await client.query(`SELECT 1 FROM ${t.sessions} WHERE id = $1 FOR KEY SHARE`, [
      change.sessionId,
    ]);
    if (found.rows.length === 0) {
      throw new Q2gError(
        'STATE_INVALID',
        `Cannot save changes without a meta to session "${change.sessionId}": it does not exist yet.`,
      );
    }
  }
  await upsertItems(client, t, change.sessionId, change.items);
  await upsertBatches(client, t, change.sessionId, change.batches);
}
