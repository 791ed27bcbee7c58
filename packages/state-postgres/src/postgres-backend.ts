/**
 * The PostgreSQL state backend: sessions, units and batches in tables it creates and migrates
 * itself, with incremental saves, session listing, the ledger and leases for shared workers.
 */
import {
  type BackendCapabilities,
  Q2gError,
  type Q2gErrorCode,
  redactUri,
  type SyncStateBackend,
} from '@q2google/core';
import pg from 'pg';
import { inTransaction, type PgPoolLike } from './db.js';
import { toBackendError } from './errors.js';
import * as leases from './leases.js';
import { lookupLedger, recordLedger } from './ledger.js';
import { migrate } from './migrations.js';
import { resolveTableNames, type TableNames, type TablePlacement } from './names.js';
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
export type PostgresBackend = Required<Omit<SyncStateBackend, 'name' | 'capabilities'>> & {
  readonly name: 'postgres';
  readonly capabilities: BackendCapabilities;
  /** Where the tables live (schema-qualified, quoted names). */
  readonly tables: TableNames;
};

/** What a PostgreSQL backend declares. */
export const POSTGRES_CAPABILITIES: BackendCapabilities = Object.freeze({
  incrementalSave: true,
  listSessions: true,
  ledger: true,
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
  const context = { uri };
  try {
    await migrate(pool, tables);
  } catch (error) {
    if (ownsPool) await pool.end?.().catch(() => {});
    throw toBackendError(error, 'open', context, 'BACKEND_UNAVAILABLE');
  }
  const now = options.now ?? (() => new Date());
  let closed = false;

  const run = async <T>(
    operation: string,
    fallback: Q2gErrorCode,
    body: () => Promise<T>,
  ): Promise<T> => {
    if (closed) {
      throw new Q2gError('BACKEND_CLOSED', `The PostgreSQL backend is closed (${operation}).`);
    }
    try {
      return await body();
    } catch (error) {
      throw toBackendError(error, operation, context, fallback);
    }
  };

  return {
    name: 'postgres',
    capabilities: POSTGRES_CAPABILITIES,
    tables,
    load: (sessionId) => run('load', 'INTERNAL', () => readSession(pool, tables, sessionId)),
    save: (state) =>
      run('save', 'BACKEND_WRITE_FAILED', () =>
        inTransaction(pool, (client) => writeSession(client, tables, state)),
      ),
    saveChanges: (change) =>
      run('saveChanges', 'BACKEND_WRITE_FAILED', () =>
        inTransaction(pool, (client) => writeChanges(client, tables, change)),
      ),
    listSessions: () => run('listSessions', 'INTERNAL', () => listStoredSessions(pool, tables)),
    ledgerLookup: (keys) => run('ledgerLookup', 'INTERNAL', () => lookupLedger(pool, tables, keys)),
    ledgerRecord: (entries) =>
      run('ledgerRecord', 'BACKEND_WRITE_FAILED', () => recordLedger(pool, tables, entries)),
    claimItems: (claim) =>
      run('claimItems', 'BACKEND_WRITE_FAILED', () =>
        leases.claimItems(pool, tables, claim, now()),
      ),
    renewLeases: (sessionId, workerId, keys, leaseMs) =>
      run('renewLeases', 'BACKEND_WRITE_FAILED', () =>
        leases.renewLeases(pool, tables, { sessionId, workerId, keys, leaseMs }, now()),
      ),
    releaseLeases: (sessionId, workerId, keys) =>
      run('releaseLeases', 'BACKEND_WRITE_FAILED', () =>
        leases.releaseLeases(pool, tables, { sessionId, workerId, keys }),
      ),
    acquireRole: (claim) =>
      run('acquireRole', 'BACKEND_WRITE_FAILED', () =>
        leases.acquireRole(pool, tables, claim, now()),
      ),
    releaseRole: (sessionId, role, workerId) =>
      run('releaseRole', 'BACKEND_WRITE_FAILED', () =>
        leases.releaseRole(pool, tables, { sessionId, role, workerId }),
      ),
    async close() {
      if (closed) return;
      closed = true;
      if (ownsPool) await pool.end?.();
    },
  };
}
