/**
 * Test support: finds the PostgreSQL server the tests use. Without `Q2G_TEST_POSTGRES_URL`, or
 * when the server does not answer, database tests are skipped locally with a loud message and
 * FAIL under CI (`CI=true`), so a CI run can never pass by skipping them.
 */
import { randomBytes } from 'node:crypto';
import { createTestClock, findTestService } from '@q2google/state-conformance';
import pg from 'pg';

/** The environment variable naming the test database. */
export const POSTGRES_URL_ENV = 'Q2G_TEST_POSTGRES_URL';

let probed: Promise<string | undefined> | undefined;

/** The test database URL when the server answers; otherwise undefined (or throws under CI). */
export function postgresTestUrl(): Promise<string | undefined> {
  probed ??= findTestService({
    label: 'PostgreSQL',
    envVar: POSTGRES_URL_ENV,
    ping: async (url) => {
      const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
      try {
        await client.connect();
        await client.query('SELECT 1');
      } finally {
        await client.end().catch(() => {});
      }
    },
  });
  return probed;
}

/** A fresh namespace for one test file or test: `t` + 10 hex digits. */
export function randomTestNamespace(): string {
  return `t${randomBytes(5).toString('hex')}`;
}

export { createTestClock };

/** Drops every table of the given prefixes (and nothing else) from `schema`. */
export async function dropTables(pool: pg.Pool, prefixes: string[], schema = 'public') {
  for (const prefix of prefixes) {
    const { rows } = await pool.query<{ name: string }>(
      `SELECT tablename AS name FROM pg_tables WHERE schemaname = $1 AND starts_with(tablename, $2)`,
      [schema, prefix],
    );
    if (rows.length === 0) continue;
    const list = rows.map((r) => `"${schema}"."${r.name}"`).join(', ');
    await pool.query(`DROP TABLE IF EXISTS ${list} CASCADE`);
  }
}
