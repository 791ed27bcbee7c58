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

describe.skipIf(!url)('PostgreSQL leases across processes', () => {
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

  test('four instances claiming 200 units in rounds at once never share a unit', async () => {
    const state = buildSession({ items: 200, statuses: ['discovered'], batches: 0 });
    const workers = await Promise.all([open(), open(), open(), open()]);
    await workers[0]!.save(state);
    const owner = new Map<string, string>();
    for (let round = 0; round < 10; round++) {
      const claims = await Promise.all(
        workers.map((w, i) =>
          w.claimItems({
            sessionId: state.id,
            workerId: `w${i}`,
            limit: 7,
            statuses: ['discovered'],
            leaseMs: 60_000,
          }),
        ),
      );
      claims.forEach((items, i) => {
        for (const item of items) {
          expect(owner.get(item.key), `unit ${item.key} handed out twice`).toBeUndefined();
          owner.set(item.key, `w${i}`);
        }
      });
    }
    expect(owner.size).toBe(200);
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

  test('expired leases return to the pool once the clock passes their deadline, not before', async () => {
    const state = buildSession({ items: 3, statuses: ['discovered'], batches: 0 });
    const [a, b] = await Promise.all([open(), open()]);
    await a!.save(state);
    const claim = { sessionId: state.id, limit: 3, statuses: ['discovered' as const] };
    expect(await a!.claimItems({ ...claim, workerId: 'a', leaseMs: 1_000 })).toHaveLength(3);
    clock.advance(999);
    expect(await b!.claimItems({ ...claim, workerId: 'b', leaseMs: 1_000 })).toEqual([]);
    clock.advance(1);
    expect(await b!.claimItems({ ...claim, workerId: 'b', leaseMs: 1_000 })).toHaveLength(3);
    expect(await a!.renewLeases(state.id, 'a', Object.keys(state.items), 1_000)).toEqual([]);
  });

  test('of eight instances asking for one role at once, exactly one gets it', async () => {
    const state = buildSession({ items: 1, batches: 0 });
    const workers = await Promise.all(Array.from({ length: 8 }, () => open()));
    const got = await Promise.all(
      workers.map((w, i) =>
        w.acquireRole({ sessionId: state.id, role: 'create', workerId: `w${i}`, leaseMs: 10_000 }),
      ),
    );
    expect(got.filter(Boolean)).toHaveLength(1);
  });
});
