/** The backend's typed collections and the indexes they need (created on open, idempotently). */
import type { Collection, Db, Document } from 'mongodb';
import type { LedgerDoc, PartDoc, RequestCountDoc, SessionDoc } from './documents.js';
import type { LockDoc } from './generation-locks.js';
import type { CollectionNames } from './names.js';

/** Every collection the backend uses. */
export interface Collections {
  sessions: Collection<SessionDoc>;
  items: Collection<PartDoc>;
  batches: Collection<PartDoc>;
  ledger: Collection<LedgerDoc>;
  requestCounts: Collection<RequestCountDoc>;
  leases: Collection<LockDoc>;
  roles: Collection<LockDoc>;
}

/** The typed collections of `names` in `db`. */
export function collectionsOf(db: Db, names: CollectionNames): Collections {
  return {
    sessions: db.collection<SessionDoc>(names.sessions),
    items: db.collection<PartDoc>(names.items),
    batches: db.collection<PartDoc>(names.batches),
    ledger: db.collection<LedgerDoc>(names.ledger),
    requestCounts: db.collection<RequestCountDoc>(names.requestCounts),
    leases: db.collection<LockDoc>(names.leases),
    roles: db.collection<LockDoc>(names.roles),
  };
}

/** One index the backend needs. */
interface IndexSpec {
  name: string;
  key: Record<string, 1 | -1>;
  unique?: boolean;
}

const PART_INDEXES: IndexSpec[] = [
  { name: 'session_key', key: { sessionId: 1, key: 1 }, unique: true },
  { name: 'session_status', key: { sessionId: 1, status: 1 } },
];
const LOCK_INDEXES: IndexSpec[] = [
  { name: 'session_resource_gen', key: { sessionId: 1, resource: 1, gen: -1 } },
];

/**
 * Creates the missing indexes, one `createIndexes` call per index: FerretDB v1.24 panics on a
 * multi-index `createIndexes` whose indexes already exist, so existing ones are never re-sent.
 */
async function ensure<T extends Document>(
  collection: Collection<T>,
  specs: IndexSpec[],
): Promise<void> {
  const existing = new Set<string>();
  try {
    for (const index of await collection.listIndexes().toArray()) existing.add(String(index.name));
  } catch (error) {
    // NamespaceNotFound: the collection does not exist yet, so no index does.
    if ((error as { code?: unknown }).code !== 26) throw error;
  }
  for (const spec of specs.filter((s) => !existing.has(s.name))) {
    await collection.createIndex(spec.key, {
      name: spec.name,
      ...(spec.unique ? { unique: true } : {}),
    });
  }
}

/** Creates the indexes the backend needs (a no-op when they exist). */
export async function ensureIndexes(c: Collections): Promise<void> {
  await Promise.all([
    ensure(c.sessions, [{ name: 'updated', key: { updatedAt: -1 } }]),
    ensure(c.items, PART_INDEXES),
    ensure(c.batches, PART_INDEXES),
    ensure(c.leases, LOCK_INDEXES),
    ensure(c.roles, LOCK_INDEXES),
    ensure(c.requestCounts, [{ name: 'counter_day', key: { counter: 1, day: 1 } }]),
  ]);
}
