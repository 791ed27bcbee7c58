import type { SessionState } from '@q2google/core';
import { buildSession } from '@q2google/state-conformance';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createPostgresBackend, type PostgresBackend } from './postgres-backend.js';
import { metaOf } from './session-writes.js';
import {
  dropTables,
  postgresTestUrl,
  randomTestNamespace,
} from './test-support/postgres-test-env.js';

const url = await postgresTestUrl();

describe.skipIf(!url)('what the PostgreSQL backend really stores', () => {
  const raw = new pg.Pool({ connectionString: url, max: 2 });
  let backend: PostgresBackend;

  beforeAll(async () => {
    backend = await createPostgresBackend({
      connectionString: url!,
      namespace: randomTestNamespace(),
    });
  });
  afterAll(async () => {
    await backend.close();
    await dropTables(raw, [backend.tables.prefix]);
    await raw.end();
  });

  test('each unit is one row: JSONB document plus indexed session, key and status columns', async () => {
    const state = buildSession({ items: 3, batches: 1 });
    await backend.save(state);
    const { rows } = await raw.query(
      `SELECT key, status, doc, lease_owner, lease_until FROM ${backend.tables.items}
       WHERE session_id = $1 ORDER BY key`,
      [state.id],
    );
    expect(rows).toEqual(
      Object.values(state.items)
        .sort((a, b) => a.key.localeCompare(b.key))
        .map((item) => ({
          key: item.key,
          status: item.status,
          doc: item,
          lease_owner: null,
          lease_until: null,
        })),
    );
    const meta = await raw.query(`SELECT meta FROM ${backend.tables.sessions} WHERE id = $1`, [
      state.id,
    ]);
    expect(meta.rows[0].meta).toEqual(metaOf(state));
  });

  test('a failing whole save leaves the previous session intact (one transaction)', async () => {
    const state = buildSession({ items: 5, batches: 1 });
    await backend.save(state);
    const broken = structuredClone(state) as SessionState;
    delete broken.items['unit-1'];
    // PostgreSQL text cannot hold a NUL byte, so this batch fails after the units were written.
    broken.batches['bad\u0000id'] = { ...state.batches['batch-0']!, id: 'bad\u0000id' };
    const error = await backend.save(broken).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'Q2gError', code: 'BACKEND_WRITE_FAILED' });
    expect(await backend.load(state.id)).toStrictEqual(state);
  });

  test('listing counts units per status with one grouped query', async () => {
    const state = buildSession({ items: 10, statuses: ['discovered', 'created'], batches: 0 });
    await backend.save(state);
    const row = (await backend.listSessions()).find((s) => s.id === state.id);
    expect(row?.counts).toEqual({ discovered: 5, created: 5 });
  });

  test('a 20,000-unit session saves and loads back exactly', async () => {
    const state = buildSession({ items: 20_000, batches: 4 });
    await backend.save(state);
    expect(await backend.load(state.id)).toStrictEqual(state);
  });
});
