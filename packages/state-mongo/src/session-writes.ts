/**
 * Writing sessions without multi-document transactions. A whole `save` writes new and changed
 * units and batches first, then the meta, and only then deletes what the session no longer
 * holds — an interrupted save leaves old and new data side by side, never a loss.
 * `saveChanges` writes only the changed documents, then the meta.
 */
import { Q2gError, type SessionChange, type SessionMeta, type SessionState } from '@q2google/core';
import type { Collections } from './collections.js';
import { partId } from './documents.js';
import { deleteParts, storedHashes, writeParts } from './part-writer.js';

/** The session's meta: everything but its units and batches. */
export function metaOf(state: SessionState): SessionMeta {
  const { items: _items, batches: _batches, ...meta } = state;
  return meta;
}

async function writeMeta(c: Collections, meta: SessionMeta): Promise<void> {
  await c.sessions.updateOne(
    { _id: meta.id },
    {
      $set: {
        json: JSON.stringify(meta),
        updatedAt: meta.updatedAt,
        schemaVersion: meta.schemaVersion,
      },
    },
    { upsert: true },
  );
}

/** Replaces the stored session with `state`. */
export async function writeSession(c: Collections, state: SessionState): Promise<void> {
  const items = Object.values(state.items);
  const batches = Object.values(state.batches);
  const [storedItems, storedBatches] = await Promise.all([
    storedHashes(c.items, state.id),
    storedHashes(c.batches, state.id),
  ]);
  await writeParts(
    c.items,
    state.id,
    items.map((i) => ({ key: i.key, status: i.status, value: i })),
    storedItems,
  );
  await writeParts(
    c.batches,
    state.id,
    batches.map((b) => ({ key: b.id, status: b.status, value: b })),
    storedBatches,
  );
  await writeMeta(c, metaOf(state));
  const keepItems = new Set(items.map((i) => partId(state.id, i.key)));
  const keepBatches = new Set(batches.map((b) => partId(state.id, b.id)));
  await deleteParts(
    c.items,
    [...storedItems.keys()].filter((id) => !keepItems.has(id)),
  );
  await deleteParts(
    c.batches,
    [...storedBatches.keys()].filter((id) => !keepBatches.has(id)),
  );
}

/**
 * Stores the changed units and batches of a session, then its meta when the change has one.
 * Without a meta the session must exist already (`STATE_INVALID` otherwise).
 */
export async function writeChanges(c: Collections, change: SessionChange): Promise<void> {
  if (!change.meta) await requireSession(c, change.sessionId);
  await writeParts(
    c.items,
    change.sessionId,
    change.items.map((i) => ({ key: i.key, status: i.status, value: i })),
  );
  await writeParts(
    c.batches,
    change.sessionId,
    change.batches.map((b) => ({ key: b.id, status: b.status, value: b })),
  );
  if (change.meta) await writeMeta(c, { ...change.meta, id: change.sessionId });
}

async function requireSession(c: Collections, sessionId: string): Promise<void> {
  const found = await c.sessions.findOne({ _id: sessionId }, { projection: { _id: 1 } });
  if (!found) {
    throw new Q2gError(
      'STATE_INVALID',
      `Cannot save changes without a meta to session "${sessionId}": it does not exist yet.`,
    );
  }
}
