/**
 * The MongoDB state backend: sessions, units and batches in collections, with incremental
 * saves, session listing, the ledger and leases for shared workers. Uses only what both
 * MongoDB and FerretDB v1 support: no multi-document transactions, no exotic stages.
 */
import {
  type BackendCapabilities,
  Q2gError,
  type Q2gErrorCode,
  type SyncStateBackend,
} from '@q2google/core';
import { MongoClient } from 'mongodb';
import { type Collections, collectionsOf, ensureIndexes } from './collections.js';
import { invalidUri, toBackendError } from './errors.js';
import * as leases from './leases.js';
import { lookupLedger, recordLedger } from './ledger.js';
import { type CollectionNames, type CollectionPlacement, resolveCollectionNames } from './names.js';
import { listStoredSessions, readSession } from './session-reads.js';
import { writeChanges, writeSession } from './session-writes.js';

/** Options of {@link createMongoBackend}. Give `url` or `client`. */
export interface MongoBackendOptions extends CollectionPlacement {
  /** `mongodb://user:password@host:27017/database` or `mongodb+srv://…` (unused with `client`). */
  url?: string;
  /** A ready `MongoClient`; the backend never closes a client it did not create. */
  client?: MongoClient;
  /** The clock for lease deadlines (default: the system clock). Injected by tests. */
  now?: () => Date;
  /** How long to look for a server before BACKEND_UNAVAILABLE (default 5,000 ms). */
  serverSelectionTimeoutMs?: number;
}

/** The MongoDB backend: every optional capability of the contract, implemented. */
export type MongoBackend = Required<Omit<SyncStateBackend, 'name' | 'capabilities'>> & {
  readonly name: 'mongo';
  readonly capabilities: BackendCapabilities;
  /** The database and collection names in use. */
  readonly names: CollectionNames;
};

/** What a MongoDB backend declares. */
export const MONGO_CAPABILITIES: BackendCapabilities = Object.freeze({
  incrementalSave: true,
  listSessions: true,
  ledger: true,
  leases: true,
  concurrency: 'shared',
});

function openClient(url: string, timeoutMs: number): MongoClient {
  if (!/^mongodb(\+srv)?:\/\//i.test(url)) throw invalidUri(url);
  try {
    return new MongoClient(url, {
      serverSelectionTimeoutMS: timeoutMs,
      connectTimeoutMS: timeoutMs,
    });
  } catch (error) {
    throw invalidUri(url, error);
  }
}

/** Connects (unless a client is injected) and creates the indexes. */
export async function createMongoBackend(options: MongoBackendOptions): Promise<MongoBackend> {
  const url = options.client ? undefined : options.url;
  if (!options.client && !url) {
    throw new Q2gError('CONFIG_INVALID', 'The MongoDB backend needs a url or a client.');
  }
  const names = resolveCollectionNames(options, options.url);
  const ownsClient = !options.client;
  const client = options.client ?? openClient(url!, options.serverSelectionTimeoutMs ?? 5_000);
  let c: Collections;
  try {
    if (ownsClient) await client.connect();
    c = collectionsOf(client.db(names.database), names);
    await ensureIndexes(c);
  } catch (error) {
    if (ownsClient) await client.close().catch(() => {});
    throw toBackendError(error, 'open', url, 'BACKEND_UNAVAILABLE');
  }
  const now = options.now ?? (() => new Date());
  let closed = false;

  const run = async <T>(
    operation: string,
    fallback: Q2gErrorCode,
    body: () => Promise<T>,
  ): Promise<T> => {
    if (closed) {
      throw new Q2gError('BACKEND_CLOSED', `The MongoDB backend is closed (${operation}).`);
    }
    try {
      return await body();
    } catch (error) {
      throw toBackendError(error, operation, url, fallback);
    }
  };

  return {
    name: 'mongo',
    capabilities: MONGO_CAPABILITIES,
    names,
    load: (sessionId) => run('load', 'INTERNAL', () => readSession(c, sessionId)),
    save: (state) => run('save', 'BACKEND_WRITE_FAILED', () => writeSession(c, state)),
    saveChanges: (change) =>
      run('saveChanges', 'BACKEND_WRITE_FAILED', () => writeChanges(c, change)),
    listSessions: () => run('listSessions', 'INTERNAL', () => listStoredSessions(c)),
    ledgerLookup: (keys) => run('ledgerLookup', 'INTERNAL', () => lookupLedger(c, keys)),
    ledgerRecord: (entries) =>
      run('ledgerRecord', 'BACKEND_WRITE_FAILED', () => recordLedger(c, entries)),
    claimItems: (claim) =>
      run('claimItems', 'BACKEND_WRITE_FAILED', () => leases.claimItems(c, claim, now())),
    renewLeases: (sessionId, workerId, keys, leaseMs) =>
      run('renewLeases', 'BACKEND_WRITE_FAILED', () =>
        leases.renewLeases(c, { sessionId, workerId, keys, leaseMs }, now()),
      ),
    releaseLeases: (sessionId, workerId, keys) =>
      run('releaseLeases', 'BACKEND_WRITE_FAILED', () =>
        leases.releaseLeases(c, { sessionId, workerId, keys }),
      ),
    acquireRole: (claim) =>
      run('acquireRole', 'BACKEND_WRITE_FAILED', () => leases.acquireRole(c, claim, now())),
    releaseRole: (sessionId, role, workerId) =>
      run('releaseRole', 'BACKEND_WRITE_FAILED', () =>
        leases.releaseRole(c, { sessionId, role, workerId }),
      ),
    async close() {
      if (closed) return;
      closed = true;
      if (ownsClient) await client.close();
    },
  };
}
