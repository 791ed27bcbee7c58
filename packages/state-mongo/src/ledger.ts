/** The cross-session ledger: units some session already created in Google Photos. */
import type { LedgerEntry } from '@q2google/core';
import type { Collections } from './collections.js';
import { LedgerDocSchema } from './documents.js';

const CHUNK = 1_000;

/** The stored entries for these keys. */
export async function lookupLedger(
  c: Collections,
  keys: readonly string[],
): Promise<Map<string, LedgerEntry>> {
  const found = new Map<string, LedgerEntry>();
  const unique = [...new Set(keys)];
  for (let i = 0; i < unique.length; i += CHUNK) {
    const docs = c.ledger.find({ _id: { $in: unique.slice(i, i + CHUNK) } });
    for await (const raw of docs) {
      const doc = LedgerDocSchema.parse(raw);
      found.set(doc._id, {
        key: doc._id,
        sessionId: doc.sessionId,
        mediaItemId: doc.mediaItemId,
        createdAt: doc.createdAt,
      });
    }
  }
  return found;
}

/** Records entries; a key already recorded keeps its first entry (duplicate inserts ignored). */
export async function recordLedger(c: Collections, entries: readonly LedgerEntry[]): Promise<void> {
  for (let i = 0; i < entries.length; i += CHUNK) {
    const docs = entries.slice(i, i + CHUNK).map((e) => ({
      _id: e.key,
      sessionId: e.sessionId,
      mediaItemId: e.mediaItemId,
      createdAt: e.createdAt,
    }));
    try {
      await c.ledger.insertMany(docs, { ordered: false });
    } catch (error) {
      const errors = (error as { writeErrors?: unknown }).writeErrors;
      const list = Array.isArray(errors) ? errors : errors ? [errors] : [error];
      if (!list.every((e) => (e as { code?: unknown }).code === 11000)) throw error;
    }
  }
}
