import pg from 'pg';
import { afterAll, describe, expect, test } from 'vitest';
import { MIGRATIONS, migrate, POSTGRES_SCHEMA_VERSION } from './migrations.js';
import { resolveTableNames } from './names.js';
import { createPostgresBackend } from './postgres-backend.js';
import {
  dropTables,
  postgresTestUrl,
  randomTestNamespace,
} from './test-support/postgres-test-env.js';

const url = await postgresTestUrl();

describe.skipIf(!url)('PostgreSQL schema migrations', () => {
  const raw = new pg.Pool({ connectionString: url, max: 4 });
  const prefixes: string[] = [];
  const schemas: string[] = [];
  const fresh = (extra: { schema?: string } = {}) => {
    const t = resolveTableNames({ namespace: randomTestNamespace(), ...extra });
    prefixes.push(t.prefix);
    return t;
  };
  const versions = async (table: string) =>
    (
      await raw.query<{ version: number }>(`SELECT version FROM ${table} ORDER BY version`)
    ).rows.map((r) => r.version);

  afterAll(async () => {
    await dropTables(raw, prefixes);
    for (const schema of schemas) await raw.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await raw.end();
  });

  test('a fresh database gets every table and records each schema version once', async () => {
    const t = fresh();
    expect(await migrate(raw, t)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(await versions(t.migrations)).toEqual(MIGRATIONS.map((m) => m.version));
    const { rows } = await raw.query<{ name: string }>(
      `SELECT tablename AS name FROM pg_tables WHERE starts_with(tablename, $1) ORDER BY 1`,
      [t.prefix],
    );
    expect(rows.map((r) => r.name.slice(t.prefix.length))).toEqual([
      'batches',
      'items',
      'ledger',
      'migrations',
      'req_counts',
      'roles',
      'sessions',
    ]);
  });

  test('migrating again applies nothing', async () => {
    const t = fresh();
    await migrate(raw, t);
    expect(await migrate(raw, t)).toEqual([]);
    expect(await versions(t.migrations)).toEqual(MIGRATIONS.map((m) => m.version));
  });

  test('six backends opening a fresh database at once all succeed; each version is applied once', async () => {
    const namespace = randomTestNamespace();
    const t = resolveTableNames({ namespace });
    prefixes.push(t.prefix);
    const opened = await Promise.all(
      Array.from({ length: 6 }, () => createPostgresBackend({ connectionString: url!, namespace })),
    );
    await Promise.all(opened.map((b) => b.close()));
    expect(await versions(t.migrations)).toEqual(MIGRATIONS.map((m) => m.version));
  });

  test('tables migrated by a newer q2google are refused with STATE_SCHEMA_TOO_NEW', async () => {
    const namespace = randomTestNamespace();
    const t = resolveTableNames({ namespace });
    prefixes.push(t.prefix);
    await migrate(raw, t);
    await raw.query(`INSERT INTO ${t.migrations} (version, description) VALUES (999, 'future')`);
    const error = await createPostgresBackend({ connectionString: url!, namespace }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ name: 'Q2gError', code: 'STATE_SCHEMA_TOO_NEW' });
  });

  test('a later migration runs on top of the recorded version only', async () => {
    const t = fresh();
    await migrate(raw, t);
    const next = {
      version: POSTGRES_SCHEMA_VERSION + 1,
      description: 'test: add a column',
      statements: (n: typeof t) => [`ALTER TABLE ${n.sessions} ADD COLUMN note text`],
    };
    expect(await migrate(raw, t, [...MIGRATIONS, next])).toEqual([next.version]);
    expect(await migrate(raw, t, [...MIGRATIONS, next])).toEqual([]);
    await raw.query(`SELECT note FROM ${t.sessions}`);
  });

  test('a configured schema is created and holds the tables', async () => {
    const schema = `q2g_${randomTestNamespace()}`;
    schemas.push(schema);
    const backend = await createPostgresBackend({
      connectionString: url!,
      schema,
      tablePrefix: 'app_',
    });
    await backend.close();
    const { rows } = await raw.query(
      `SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = $1 AND starts_with(tablename, 'app_')`,
      [schema],
    );
    expect(rows[0].n).toBe(7);
  });
});
