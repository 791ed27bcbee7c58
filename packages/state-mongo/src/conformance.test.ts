import { type ConformanceContext, runStateBackendConformance } from '@q2google/state-conformance';
import { MongoClient } from 'mongodb';
import { afterAll, afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { PartDoc, SessionDoc } from './documents.js';
import { createMongoBackend } from './mongo-backend.js';
import { resolveCollectionNames } from './names.js';
import {
  createTestClock,
  dropCollections,
  mongoTestUrl,
  TEST_DATABASE,
} from './test-support/mongo-test-env.js';

const url = await mongoTestUrl();
const PASSWORD = 'Sup3r-secret-pw';

if (!url) {
  describe.skip('state backend conformance: mongo (no server)', () => {
    test('needs Q2G_TEST_MONGODB_URL', () => {});
  });
} else {
  const raw = new MongoClient(url);
  const clock = createTestClock();
  const namespaces = new Set<string>();
  const open = async (ctx: ConformanceContext) => {
    namespaces.add(ctx.namespace);
    return createMongoBackend({
      url,
      database: TEST_DATABASE,
      namespace: ctx.namespace,
      now: clock.now,
    });
  };
  const db = () => raw.db(TEST_DATABASE);
  const namesOf = (ctx: ConformanceContext) =>
    resolveCollectionNames({ database: TEST_DATABASE, namespace: ctx.namespace });

  afterAll(async () => {
    await dropCollections(
      raw,
      [...namespaces].map((ns) => `${ns}_`),
    );
    await raw.close();
  });

  runStateBackendConformance(
    { test, describe, expect, beforeEach, afterEach },
    {
      name: 'mongo',
      create: open,
      reopen: open,
      concurrentOpen: open,
      advanceClock: (_ctx, ms) => clock.advance(ms),
      unreachable: {
        open: () =>
          createMongoBackend({
            url: `mongodb://app:${PASSWORD}@127.0.0.1:1/q2google`,
            serverSelectionTimeoutMs: 300,
          }),
        retryable: true,
        secret: PASSWORD,
        mentions: 'mongodb://app:***@127.0.0.1:1/q2google',
      },
      async inspect(ctx, sessionId) {
        const n = namesOf(ctx);
        if (!(await db().collection<SessionDoc>(n.sessions).findOne({ _id: sessionId }))) {
          return null;
        }
        const read = async (name: string) => {
          const docs = await db().collection<PartDoc>(name).find({ sessionId }).toArray();
          return Object.fromEntries(
            docs.map((d) => [d.key, { raw: JSON.parse(d.json), stamp: d.writes }]),
          );
        };
        return { items: await read(n.items), batches: await read(n.batches) };
      },
      async corrupt(ctx, sessionId) {
        const items = db().collection<PartDoc>(namesOf(ctx).items);
        const first = await items.find({ sessionId }).sort({ key: 1 }).limit(1).next();
        await items.updateOne(
          { _id: first!._id },
          { $set: { json: '{"key": 42, "status": "tel' } },
        );
      },
      async writeForeign(ctx, sessionId, document) {
        const version = (document as { schemaVersion?: unknown }).schemaVersion;
        await db()
          .collection<SessionDoc>(namesOf(ctx).sessions)
          .updateOne(
            { _id: sessionId },
            {
              $set: {
                json: JSON.stringify(document),
                updatedAt: new Date().toISOString(),
                schemaVersion: typeof version === 'number' ? version : 0,
              },
            },
            { upsert: true },
          );
      },
    },
  );
}
