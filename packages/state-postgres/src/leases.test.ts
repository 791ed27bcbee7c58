import { buildSession } from '@q2google/state-conformance';
import pg from 'pg';
import { afterAll, describe, expect, test } from 'vitest';
import { createPostgresBackend, type PostgresBackend } from './postgres-backend.js';
import {
  createTestClock,
  dropTables,
  postgresTestUrl,
  randomTestNamespace,
} from './test-support/postgres-test-env.js';

const url = await postgresTestUrl();

describe.skipIf(!url)('PostgreSQL lease columns', () => {
  const namespace = randomTestNamespace();
  const clock = createTestClock();
  const opened: PostgresBackend[] = [];
  const open = async () => {
    const backend = await createPostgresBackend({
      connectionString: url!,
      namespace,
      now: clock.now,
    });
    opened.push(backend);
    return backend;
  };

  afterAll(async () => {
    await Promise.all(opened.map((b) => b.close()));
    const raw = new pg.Pool({ connectionString: url });
    await dropTables(raw, [opened[0]!.tables.prefix]);
    await raw.end();
  });

  test('the lease columns record owner and deadline from the injected clock', async () => {
    const state = buildSession({ items: 2, statuses: ['discovered'], batches: 0 });
    const backend = await open();
    await backend.save(state);
    await backend.claimItems({
      sessionId: state.id,
      workerId: 'w',
      limit: 1,
      statuses: ['discovered'],
      leaseMs: 5_000,
    });
    const raw = new pg.Pool({ connectionString: url });
    const { rows } = await raw.query(
      `SELECT lease_owner, lease_until FROM ${backend.tables.items} WHERE session_id = $1 AND lease_owner IS NOT NULL`,
      [state.id],
    );
    await raw.end();
    expect(rows).toEqual([
      { lease_owner: 'w', lease_until: new Date(clock.now().getTime() + 5_000) },
    ]);
  });
});
