/**
 * The MongoDB state backend: sessions, units and batches in collections, with incremental
 * saves, session listing, the ledger and leases for shared workers. Uses only what both
 * MongoDB and FerretDB v1 support: no multi-document transactions, no exotic stages.
 */
import {
  type BackendCapabilities,
  createBackendFrame,
  defineStateBackend,
  type FramedBackend,
  Q2gError,
  redactUri,
  type StateBackendMethods,
  uriPassword,
} from '@q2google/core';
import { MongoClient } from 'mongodb';
import { type Collections, collectionsOf, ensureIndexes } from './collections.js';
import { classifyConnectionError, invalidUri, isUriError } from './errors.js';
import * as leases from './leases.js';
import { lookupLedger, recordLedger } from './ledger.js';
import { type CollectionNames, type CollectionPlacement, resolveCollectionNames } from './names.js';
import { recordRequests, requestsSpent } from './request-counts.js';
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
export type MongoBackend = FramedBackend<
  Required<StateBackendMethods>,
  {
    /** The database and collection names in use. */
    readonly names: CollectionNames;
  }
>;

/** What a MongoDB backend declares. */
export const MONGO_CAPABILITIES: BackendCapabilities = Object.freeze({
  incrementalSave: true,
  listSessions: true,
  ledger: true,
  requestCounts: true,
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
  const frame = createBackendFrame({
    name: 'mongo',
    label: 'MongoDB',
    where: url ? redactUri(url) : 'the injected client',
    secrets: [uriPassword(url)],
    classifyConnectionError,
  });
  let c: Collections;
  try {
    if (ownsClient) await client.connect();
    c = collectionsOf(client.db(names.database), names);
    await ensureIndexes(c);
  } catch (error) {
    if (ownsClient) await client.close().catch(() => {});
    throw url && isUriError(error)
      ? invalidUri(url, error)
      : frame.toError(error, 'open', 'BACKEND_UNAVAILABLE');
  }
  const now = options.now ?? (() => new Date());
  return defineStateBackend(
    frame,
    {
      capabilities: MONGO_CAPABILITIES,
      methods: {
        load: (sessionId) => readSession(c, sessionId),
        save: (state) => writeSession(c, state),
        saveChanges: (change) => writeChanges(c, change),
        listSessions: () => listStoredSessions(c),
        ledgerLookup: (keys) => lookupLedger(c, keys),
        ledgerRecord: (entries) => recordLedger(c, entries),
        recordRequests: (tally) => recordRequests(c, tally),
        requestsSpent: (counter, day) => requestsSpent(c, counter, day),
        claimItems: (claim) => leases.claimItems(c, claim, now()),
        renewLeases: (sessionId, workerId, keys, leaseMs) =>
          leases.renewLeases(c, { sessionId, workerId, keys, leaseMs }, now()),
        releaseLeases: (sessionId, workerId, keys) =>
          leases.releaseLeases(c, { sessionId, workerId, keys }),
        acquireRole: (claim) => leases.acquireRole(c, claim, now()),
        releaseRole: (sessionId, role, workerId) =>
          leases.releaseRole(c, { sessionId, role, workerId }),
      },
      release: async () => {
        if (ownsClient) await client.close();
      },
    },
    { names },
  );
}
