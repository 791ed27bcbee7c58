import { buildSession } from '@q2google/state-conformance';
import { MongoClient } from 'mongodb';
import { afterAll, describe, expect, test } from 'vitest';
import { GenerationLocks, type LockDoc } from './generation-locks.js';
import { createMongoBackend, type MongoBackend } from './mongo-backend.js';
import {
  createTestClock,
  dropCollections,
  mongoTestUrl,
  randomTestNamespace,
  TEST_DATABASE,
} from './test-support/mongo-test-env.js';

const url = await mongoTestUrl();

describe.skipIf(!url)('MongoDB leases across processes', () => {
  const namespace = randomTestNamespace();
  const clock = createTestClock();
  const raw = new MongoClient(url ?? 'mongodb://unused');
  const opened: MongoBackend[] = [];
  const open = async () => {
    const backend = await createMongoBackend({
      url: url!,
      database: TEST_DATABASE,
      namespace,
      now: clock.now,
    });
    opened.push(backend);
    return backend;
  };

  afterAll(async () => {
    await Promise.all(opened.map((b) => b.close()));
    await dropCollections(raw, [`${namespace}_`]);
    await raw.close();
  });

  test('four instances claiming 120 units in rounds at once never share a unit', async () => {
    const state = buildSession({ items: 120, statuses: ['discovered'], batches: 0 });
    const workers = await Promise.all([open(), open(), open(), open()]);
    await workers[0]!.save(state);
    const owner = new Map<string, string>();
    for (let round = 0; round < 8; round++) {
      const claims = await Promise.all(
        workers.map((w, i) =>
          w.claimItems({
            sessionId: state.id,
            workerId: `w${i}`,
            limit: 6,
            statuses: ['discovered'],
            leaseMs: 60_000,
          }),
        ),
      );
      claims.forEach((got, i) => {
        for (const item of got) {
          expect(owner.get(item.key), `unit ${item.key} handed out twice`).toBeUndefined();
          owner.set(item.key, `w${i}`);
        }
      });
    }
    expect(owner.size).toBe(120);
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

  test('of six instances asking for one role at once, exactly one gets it', async () => {
    const state = buildSession({ items: 1, batches: 0 });
    const workers = await Promise.all(Array.from({ length: 6 }, () => open()));
    const got = await Promise.all(
      workers.map((w, i) =>
        w.acquireRole({ sessionId: state.id, role: 'create', workerId: `w${i}`, leaseMs: 10_000 }),
      ),
    );
    expect(got.filter(Boolean)).toHaveLength(1);
  });

  test('a holder renewing while a late claimer takes the next generation: never both hold it', async () => {
    const locks = new GenerationLocks(
      raw.db(TEST_DATABASE).collection<LockDoc>(`${namespace}_leases`),
    );
    const now = new Date(1_000_000);
    const later = (ms: number) => new Date(now.getTime() + ms);
    expect(await locks.take('s', 'k', undefined, 'holder', later(100), now)).toBe(true);
    // The claimer saw the holder's lease as expired (its clock is ahead) and inserts generation 2 …
    const seen = (await locks.heads('s', ['k'])).get('k')!;
    const claimerNow = later(200);
    const [claimed, renewed] = await Promise.all([
      locks.take('s', 'k', seen, 'claimer', later(10_000), claimerNow),
      locks.renew('s', ['k'], 'holder', later(10_000), now),
    ]);
    expect(Number(claimed) + renewed.length).toBeLessThanOrEqual(1);
  });
});
