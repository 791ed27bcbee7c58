/**
 * Writes unit or batch documents with cost proportional to what changed: one read of the
 * stored hashes, `insertMany` for new documents, one `updateOne` per changed document (in an
 * unordered `bulkWrite`), nothing for unchanged ones. No multi-document transactions.
 */
import { runPool } from '@q2google/core';
import type { AnyBulkWriteOperation, Collection } from 'mongodb';
import { hashJson, type PartDoc, partId } from './documents.js';

const CHUNK = 1_000;
const LOOKUP_LANES = 16;

/** A unit or batch to store: its key, status and JSON value. */
export interface PartInput {
  key: string;
  status: string;
  value: unknown;
}

function isDuplicateOnly(error: unknown): boolean {
  const errors = (error as { writeErrors?: unknown }).writeErrors;
  const list = Array.isArray(errors) ? errors : errors ? [errors] : [];
  const code = (error as { code?: unknown }).code;
  if (list.length === 0) return code === 11000;
  return list.every((e) => (e as { code?: unknown }).code === 11000);
}

/** The stored hash of every document of a session (or of the given ids). */
export async function storedHashes(
  collection: Collection<PartDoc>,
  sessionId: string,
  ids?: string[],
): Promise<Map<string, string>> {
  const hashes = new Map<string, string>();
  if (ids) {
    // One `_id` equality lookup per document, a few at a time: FerretDB scans the whole
    // collection for an `$in` filter, which would make a one-unit save cost O(collection).
    await runPool(ids, LOOKUP_LANES, async (_id) => {
      const doc = await collection.findOne({ _id }, { projection: { _id: 1, h: 1 } });
      if (doc) hashes.set(doc._id, String(doc.h));
    });
    return hashes;
  }
  const cursor = collection.find({ sessionId }, { projection: { _id: 1, h: 1 } });
  for await (const doc of cursor) hashes.set(doc._id, String(doc.h));
  return hashes;
}

/** Stores `parts` of `sessionId`, skipping those whose stored hash is unchanged. */
export async function writeParts(
  collection: Collection<PartDoc>,
  sessionId: string,
  parts: readonly PartInput[],
  known?: Map<string, string>,
): Promise<void> {
  const unique = [...new Map(parts.map((p) => [p.key, p])).values()];
  if (unique.length === 0) return;
  const stored =
    known ??
    (await storedHashes(
      collection,
      sessionId,
      unique.map((p) => partId(sessionId, p.key)),
    ));
  const inserts: PartDoc[] = [];
  const updates: AnyBulkWriteOperation<PartDoc>[] = [];
  for (const part of unique) {
    const json = JSON.stringify(part.value);
    const h = hashJson(json);
    const _id = partId(sessionId, part.key);
    const previous = stored.get(_id);
    if (previous === h) continue;
    const fields = { sessionId, key: part.key, status: part.status, json, h };
    if (previous === undefined) inserts.push({ _id, ...fields, writes: 1 });
    else updates.push(updateOf(_id, fields));
  }
  for (let i = 0; i < inserts.length; i += CHUNK) {
    const chunk = inserts.slice(i, i + CHUNK);
    try {
      await collection.insertMany(chunk, { ordered: false });
    } catch (error) {
      // Inserted meanwhile by another writer: fall back to updating those documents.
      if (!isDuplicateOnly(error)) throw error;
      for (const doc of chunk) {
        const { _id, writes: _w, ...fields } = doc;
        updates.push(updateOf(_id, fields));
      }
    }
  }
  for (let i = 0; i < updates.length; i += CHUNK) {
    await collection.bulkWrite(updates.slice(i, i + CHUNK), { ordered: false });
  }
}

function updateOf(
  _id: string,
  fields: Omit<PartDoc, '_id' | 'writes'>,
): AnyBulkWriteOperation<PartDoc> {
  return {
    updateOne: { filter: { _id }, update: { $set: fields, $inc: { writes: 1 } }, upsert: true },
  };
}

/** Deletes documents of a session by id, in chunks. */
export async function deleteParts(collection: Collection<PartDoc>, ids: string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += CHUNK) {
    await collection.deleteMany({ _id: { $in: ids.slice(i, i + CHUNK) } });
  }
}
