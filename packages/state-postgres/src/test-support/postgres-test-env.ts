/**
 * Test support: finds the PostgreSQL server the tests use. Without `Q2G_TEST_POSTGRES_URL`, or
 * when the server does not answer, database tests are skipped locally with a loud message and
 * FAIL under CI (`CI=true`), so a CI run can never pass by skipping them.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The environment variable naming the test database. */
export const POSTGRES_URL_ENV = 'Q2G_TEST_POSTGRES_URL';

function unavailable(reason: string): undefined {
  const message = [
    '',
    '='.repeat(78),
    `  PostgreSQL tests SKIPPED: ${reason}`,
    '  Start the test services and export their env, then run the tests again:',
    '    eval "$(bash scripts/services.sh start)"',
    '='.repeat(78),
    '',
  ].join('\n');
  if (process.env.CI === 'true' || process.env.CI === '1') {
    throw new Error(`${message}\n(CI=true: missing database services are a failure, not a skip)`);
  }
  console.warn(message);
  return undefined;
}

let probed: Promise<string | undefined> | undefined;

/** The test database URL when the server answers; otherwise undefined (or throws under CI). */
export function postgresTestUrl(): Promise<string | undefined> {
  probed ??= (async () => {
    const url = process.env[POSTGRES_URL_ENV];
    if (!url) return unavailable(`${POSTGRES_URL_ENV} is not set`);
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return url;
    } catch (error) {
      return unavailable(`the server at ${POSTGRES_URL_ENV} does not answer (${String(error)})`);
    } finally {
      await client.end().catch(() => {});
    }
  })();
  return probed;
}

/** A fresh namespace for one test file or test: `t` + 10 hex digits. */
export function randomTestNamespace(): string {
  return `t${randomBytes(5).toString('hex')}`;
}

/** A settable clock for lease tests: starts at the real time, moves only when told. */
export function createTestClock(): { now: () => Date; advance: (ms: number) => void } {
  let at = Date.now();
  return { now: () => new Date(at), advance: (ms) => (at += ms) };
}

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
