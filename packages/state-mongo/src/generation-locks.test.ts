import { MongoClient } from 'mongodb';
import { afterAll, describe, expect, test } from 'vitest';
import { GenerationLocks, type LockDoc } from './generation-locks.js';
import {
  dropCollections,
  mongoTestUrl,
  randomTestNamespace,
  TEST_DATABASE,
} from './test-support/mongo-test-env.js';

const url = await mongoTestUrl();

describe.skipIf(!url)('MongoDB generation locks', () => {
  const namespace = randomTestNamespace();
  const raw = new MongoClient(url ?? 'mongodb://unused');

  afterAll(async () => {
    await dropCollections(raw, [`${namespace}_`]);
    await raw.close();
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
