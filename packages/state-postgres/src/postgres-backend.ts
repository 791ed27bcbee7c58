/**
 * The PostgreSQL state backend: sessions, units and batches in tables it creates and migrates
 * itself, with incremental saves, session listing, the ledger and leases for shared workers.
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
import pg from 'pg';
import { inTransaction, type PgPoolLike } from './db.js';
import { classifyConnectionError } from './errors.js';
import * as leases from './leases.js';
import { lookupLedger, recordLedger } from './ledger.js';
import { migrate } from './migrations.js';
import { resolveTableNames, type TableNames, type TablePlacement } from './names.js';
import { recordRequests, requestsSpent } from './request-counts.js';
import { listStoredSessions, readSession } from './session-reads.js';
import { writeChanges, writeSession } from './session-writes.js';

/** Options of {@link createPostgresBackend}. Give `connectionString` or `pool`. */
export interface PostgresBackendOptions extends TablePlacement {
  /** `postgres://user:password@host:port/database` (ignored when `pool` is given). */
  connectionString?: string;
  /** A ready `pg.Pool` to use; the backend never ends a pool it did not create. */
  pool?: PgPoolLike;
  /** The clock for lease deadlines (default: the system clock). Injected by tests. */
  now?: () => Date;
  /** How long to wait for a connection before BACKEND_UNAVAILABLE (default 5,000 ms). */
  connectTimeoutMs?: number;
  /** Most connections of a pool the backend creates (default 10). */
  maxConnections?: number;
}

/** The PostgreSQL backend: every optional capability of the contract, implemented. */
export type PostgresBackend = FramedBackend<
  Required<StateBackendMethods>,
  {
    /** Where the tables live (schema-qualified, quoted names). */
    readonly tables: TableNames;
  }
>;

/** What a PostgreSQL backend declares. */
export const POSTGRES_CAPABILITIES: BackendCapabilities = Object.freeze({
  incrementalSave: true,
  listSessions: true,
  ledger: true,
  requestCounts: true,
  leases: true,
  concurrency: 'shared',
});

function checkUri(uri: string): void {
  let scheme: string | undefined;
  try {
    scheme = new URL(uri).protocol;
  } catch {
    scheme = undefined;
  }
  if (scheme !== 'postgres:' && scheme !== 'postgresql:') {
    throw new Q2gError(
      'BACKEND_INVALID_URI',
      `"${redactUri(uri)}" is not a valid PostgreSQL URI.`,
      { hint: 'Use postgres://user:password@host:5432/database.' },
    );
  }
}

/** Opens the pool (unless one is injected) and creates or migrates the tables. */
export async function createPostgresBackend(
  options: PostgresBackendOptions,
): Promise<PostgresBackend> {
  const tables = resolveTableNames(options);
  const uri = options.pool ? undefined : options.connectionString;
  if (!options.pool) {
    if (!uri) {
      throw new Q2gError(
        'CONFIG_INVALID',
        'The PostgreSQL backend needs a connectionString or a pool.',
      );
    }
    checkUri(uri);
  }
  const ownsPool = !options.pool;
  const pool: PgPoolLike =
    options.pool ??
    new pg.Pool({
      connectionString: uri,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
      max: options.maxConnections ?? 10,
    });
  // An idle connection dropped by the server must not crash the process; the next query reconnects.
  if (pool instanceof pg.Pool && ownsPool) pool.on('error', () => {});
  const frame = createBackendFrame({
    name: 'postgres',
    label: 'PostgreSQL',
    where: uri ? redactUri(uri) : 'the injected pool',
    secrets: [uriPassword(uri)],
    classifyConnectionError,
    unavailableHints: { fatal: 'Check the user, password and database name in the state URI.' },
  });
  try {
    await migrate(pool, tables);
  } catch (error) {
    if (ownsPool) await pool.end?.().catch(() => {});
    throw frame.toError(error, 'open', 'BACKEND_UNAVAILABLE');
  }
  const now = options.now ?? (() => new Date());
  return defineStateBackend(
    frame,
    {
      capabilities: POSTGRES_CAPABILITIES,
      methods: {
        load: (sessionId) => readSession(pool, tables, sessionId),
        save: (state) => inTransaction(pool, (client) => writeSession(client, tables, state)),
        saveChanges: (change) =>
          inTransaction(pool, (client) => writeChanges(client, tables, change)),
        listSessions: () => listStoredSessions(pool, tables),
        ledgerLookup: (keys) => lookupLedger(pool, tables, keys),
        ledgerRecord: (entries) => recordLedger(pool, tables, entries),
        recordRequests: (tally) => recordRequests(pool, tables, tally),
        requestsSpent: (counter, day) => requestsSpent(pool, tables, counter, day),
        claimItems: (claim) => leases.claimItems(pool, tables, claim, now()),
        renewLeases: (sessionId, workerId, keys, leaseMs) =>
          leases.renewLeases(pool, tables, { sessionId, workerId, keys, leaseMs }, now()),
        releaseLeases: (sessionId, workerId, keys) =>
          leases.releaseLeases(pool, tables, { sessionId, workerId, keys }),
        acquireRole: (claim) => leases.acquireRole(pool, tables, claim, now()),
        releaseRole: (sessionId, role, workerId) =>
          leases.releaseRole(pool, tables, { sessionId, role, workerId }),
      },
      release: async () => {
        if (ownsPool) await pool.end?.();
      },
    },
    { tables },
  );
}
