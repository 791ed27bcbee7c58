/**
 * Test support: finds the MongoDB-protocol server the tests use (real MongoDB or FerretDB).
 * Without `Q2G_TEST_MONGODB_URL`, or when the server does not answer, database tests are
 * skipped locally with a loud message and FAIL under CI (`CI=true`).
 */
import { randomBytes } from 'node:crypto';
import { createTestClock, findTestService } from '@q2google/state-conformance';
import { MongoClient } from 'mongodb';

/** The environment variable naming the test server. */
export const MONGODB_URL_ENV = 'Q2G_TEST_MONGODB_URL';
/** The database the tests write to. */
export const TEST_DATABASE = 'q2google_test';

let probed: Promise<string | undefined> | undefined;

/** The test server URL when it answers a ping; otherwise undefined (or throws under CI). */
export function mongoTestUrl(): Promise<string | undefined> {
  probed ??= findTestService({
    label: 'MongoDB',
    envVar: MONGODB_URL_ENV,
    ping: async (url) => {
      const client = new MongoClient(url, { serverSelectionTimeoutMS: 3_000 });
      try {
        await client.db('admin').command({ ping: 1 });
      } finally {
        await client.close().catch(() => {});
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

/** Drops every collection of the given prefixes (and nothing else) from the test database. */
export async function dropCollections(client: MongoClient, prefixes: string[]): Promise<void> {
  const db = client.db(TEST_DATABASE);
  const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
  for (const name of names) {
    if (prefixes.some((p) => p && name.startsWith(p))) await db.dropCollection(name);
  }
}
