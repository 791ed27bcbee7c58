/**
 * The backend's own schema migrations, recorded in `<prefix>migrations`. They run under a
 * transaction-scoped advisory lock, so two processes opening the same database at once apply
 * each migration exactly once; re-running is a no-op.
 */
import { Q2gError } from '@q2google/core';
import { inTransaction, type PgPoolLike } from './db.js';
import { quoteIdent, type TableNames } from './names.js';

/** One schema step: its version, a description, and the SQL statements it runs. */
export interface Migration {
  version: number;
  description: string;
  /** The SQL of this step, for the given table names. */
  statements: (t: TableNames) => string[];
}

/** Every migration, in order. The last version is what this build writes. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'sessions, items (with leases), batches, ledger, roles',
    statements: (t) => [
      `CREATE TABLE ${t.sessions} (
        id text PRIMARY KEY,
        schema_version integer NOT NULL,
        meta jsonb NOT NULL,
        updated_at timestamptz NOT NULL
      )`,
      `CREATE INDEX ${t.index('sessions_updated_idx')} ON ${t.sessions} (updated_at DESC, id)`,
      `CREATE TABLE ${t.items} (
        session_id text NOT NULL REFERENCES ${t.sessions} (id) ON DELETE CASCADE,
        key text NOT NULL,
        status text NOT NULL,
        doc jsonb NOT NULL,
        lease_owner text,
        lease_until timestamptz,
        PRIMARY KEY (session_id, key)
      )`,
      `CREATE INDEX ${t.index('items_claim_idx')} ON ${t.items} (session_id, status, lease_until)`,
      `CREATE INDEX ${t.index('items_owner_idx')} ON ${t.items} (session_id, lease_owner)
        WHERE lease_owner IS NOT NULL`,
      `CREATE TABLE ${t.batches} (
        session_id text NOT NULL REFERENCES ${t.sessions} (id) ON DELETE CASCADE,
        id text NOT NULL,
        status text NOT NULL,
        doc jsonb NOT NULL,
        PRIMARY KEY (session_id, id)
      )`,
      `CREATE TABLE ${t.ledger} (
        key text PRIMARY KEY,
        session_id text NOT NULL,
        media_item_id text NOT NULL,
        created_at text NOT NULL
      )`,
      `CREATE TABLE ${t.roles} (
        session_id text NOT NULL,
        role text NOT NULL,
        owner text NOT NULL,
        lease_until timestamptz NOT NULL,
        PRIMARY KEY (session_id, role)
      )`,
    ],
  },
  {
    version: 2,
    description: 'request counts per counter, day and writer',
    statements: (t) => [
      `CREATE TABLE ${t.requestCounts} (
        counter text NOT NULL,
        day text NOT NULL,
        writer text NOT NULL,
        requests bigint NOT NULL,
        PRIMARY KEY (counter, day, writer)
      )`,
    ],
  },
];

/** The schema version this build creates and reads. */
export const POSTGRES_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/**
 * Brings the tables up to {@link POSTGRES_SCHEMA_VERSION}; returns the versions applied now.
 * Throws `STATE_SCHEMA_TOO_NEW` when a newer q2google already migrated this database.
 */
export async function migrate(
  pool: PgPoolLike,
  t: TableNames,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<number[]> {
  return inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [t.lockKey]);
    if (t.schema !== 'public') {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(t.schema)}`);
    }
    await client.query(`CREATE TABLE IF NOT EXISTS ${t.migrations} (
      version integer PRIMARY KEY,
      description text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await client.query<{ v: number | null }>(
      `SELECT max(version) AS v FROM ${t.migrations}`,
    );
    const current = rows[0]?.v ?? 0;
    const latest = migrations[migrations.length - 1]?.version ?? 0;
    if (current > latest) {
      throw new Q2gError(
        'STATE_SCHEMA_TOO_NEW',
        `The PostgreSQL tables ${t.schema}.${t.prefix}* are at schema ${current}; this q2google knows up to ${latest}.`,
        { hint: 'Upgrade q2google, or use another table prefix.' },
      );
    }
    const applied: number[] = [];
    for (const migration of migrations.filter((m) => m.version > current)) {
      for (const sql of migration.statements(t)) await client.query(sql);
      await client.query(`INSERT INTO ${t.migrations} (version, description) VALUES ($1, $2)`, [
        migration.version,
        migration.description,
      ]);
      applied.push(migration.version);
    }
    return applied;
  });
}
