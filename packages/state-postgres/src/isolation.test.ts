import { buildSession } from '@q2google/state-conformance';
import pg from 'pg';
import { afterAll, describe, expect, test } from 'vitest';
import { createPostgresBackend, type PostgresBackend } from './postgres-backend.js';
import {
  dropTables,
  postgresTestUrl,
  randomTestNamespace,
} from './test-support/postgres-test-env.js';

const url = await postgresTestUrl();

describe.skipIf(!url)('PostgreSQL table prefixes keep installations apart', () => {
  const opened: PostgresBackend[] = [];
  const open = async (namespace: string) => {
    const backend = await createPostgresBackend({ connectionString: url!, namespace });
    opened.push(backend);
    return backend;
  };

  afterAll(async () => {
    await Promise.all(opened.map((b) => b.close()));
    const raw = new pg.Pool({ connectionString: url });
    await dropTables(
      raw,
      opened.map((b) => b.tables.prefix),
    );
    await raw.end();
  });

  test('the same session id under two prefixes holds two different sessions', async () => {
    const [a, b] = await Promise.all([open(randomTestNamespace()), open(randomTestNamespace())]);
    const mine = buildSession({ items: 3, album: 'A' });
    const theirs = buildSession({ id: mine.id, items: 1, album: 'B' });
    await a!.save(mine);
    await b!.save(theirs);
    expect(await a!.load(mine.id)).toStrictEqual(mine);
    expect(await b!.load(mine.id)).toStrictEqual(theirs);
    expect((await a!.listSessions()).map((s) => s.id)).toEqual([mine.id]);
    await a!.ledgerRecord([
      { key: 'k1', sessionId: mine.id, mediaItemId: 'm', createdAt: mine.createdAt },
    ]);
    expect((await b!.ledgerLookup(['k1'])).size).toBe(0);
  });

  test('a namespace with capitals or dashes maps to a safe lower-case prefix', async () => {
    const backend = await open(`My-Tests-${randomTestNamespace()}`);
    expect(backend.tables.prefix).toMatch(/^q2g_my_tests_t[0-9a-f]{10}_$/);
  });
});
