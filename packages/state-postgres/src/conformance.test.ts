import { type ConformanceContext, runStateBackendConformance } from '@q2google/state-conformance';
import pg from 'pg';
import { afterAll, afterEach, beforeEach, describe, expect, test } from 'vitest';
import { resolveTableNames } from './names.js';
import { createPostgresBackend } from './postgres-backend.js';
import { createTestClock, dropTables, postgresTestUrl } from './test-support/postgres-test-env.js';

const url = await postgresTestUrl();
const PASSWORD = 'Sup3r-secret-pw';

if (!url) {
  describe.skip('state backend conformance: postgres (no database)', () => {
    test('needs Q2G_TEST_POSTGRES_URL', () => {});
  });
} else {
  const raw = new pg.Pool({ connectionString: url, max: 2 });
  const clock = createTestClock();
  const namespaces = new Set<string>();
  const open = async (ctx: ConformanceContext) => {
    namespaces.add(ctx.namespace);
    return createPostgresBackend({
      connectionString: url,
      namespace: ctx.namespace,
      now: clock.now,
    });
  };
  const tablesOf = (ctx: ConformanceContext) => resolveTableNames({ namespace: ctx.namespace });

  afterAll(async () => {
    await dropTables(
      raw,
      [...namespaces].map((ns) => resolveTableNames({ namespace: ns }).prefix),
    );
    await raw.end();
  });

  runStateBackendConformance(
    { test, describe, expect, beforeEach, afterEach },
    {
      name: 'postgres',
      create: open,
      reopen: open,
      concurrentOpen: open,
      advanceClock: (_ctx, ms) => clock.advance(ms),
      leaseStress: { instances: 4, units: 200 },
      unreachable: {
        open: () =>
          createPostgresBackend({
            connectionString: `postgres://app:${PASSWORD}@127.0.0.1:1/q2google`,
            connectTimeoutMs: 2_000,
          }),
        retryable: true,
        secret: PASSWORD,
        mentions: 'postgres://app:***@127.0.0.1:1/q2google',
      },
      async inspect(ctx, sessionId) {
        const t = tablesOf(ctx);
        const session = await raw.query(`SELECT 1 FROM ${t.sessions} WHERE id = $1`, [sessionId]);
        if (session.rows.length === 0) return null;
        const items = await raw.query<{ key: string; doc: unknown; stamp: string }>(
          `SELECT key, doc, xmin::text AS stamp FROM ${t.items} WHERE session_id = $1`,
          [sessionId],
        );
        const batches = await raw.query<{ id: string; doc: unknown; stamp: string }>(
          `SELECT id, doc, xmin::text AS stamp FROM ${t.batches} WHERE session_id = $1`,
          [sessionId],
        );
        return {
          items: Object.fromEntries(items.rows.map((r) => [r.key, { raw: r.doc, stamp: r.stamp }])),
          batches: Object.fromEntries(
            batches.rows.map((r) => [r.id, { raw: r.doc, stamp: r.stamp }]),
          ),
        };
      },
      async corrupt(ctx, sessionId) {
        const t = tablesOf(ctx);
        await raw.query(
          `UPDATE ${t.items} SET doc = '{"key": 42, "status": "teleported"}'::jsonb
           WHERE session_id = $1 AND key = (SELECT min(key) FROM ${t.items} WHERE session_id = $1)`,
          [sessionId],
        );
      },
      async writeForeign(ctx, sessionId, document) {
        const t = tablesOf(ctx);
        const version = (document as { schemaVersion?: unknown }).schemaVersion;
        await raw.query(
          `INSERT INTO ${t.sessions} (id, schema_version, meta, updated_at) VALUES ($1, $2, $3, now())
           ON CONFLICT (id) DO UPDATE SET schema_version = EXCLUDED.schema_version, meta = EXCLUDED.meta`,
          [sessionId, typeof version === 'number' ? version : 0, JSON.stringify(document)],
        );
      },
    },
  );
}
