import { STATE_PLUGIN_API_VERSION, StateBackendPluginSchema } from '@q2google/core';
import { buildSession } from '@q2google/state-conformance';
import { MongoClient } from 'mongodb';
import { afterAll, describe, expect, test } from 'vitest';
import defaultExport, { mongoStatePlugin, splitCollectionPrefix } from './index.js';
import { createMongoBackend, type MongoBackend } from './mongo-backend.js';
import {
  dropCollections,
  mongoTestUrl,
  randomTestNamespace,
  TEST_DATABASE,
} from './test-support/mongo-test-env.js';

describe('the @q2google/state-mongo plugin object', () => {
  test('is a valid plugin for mongodb: and mongodb+srv:, also as the default export', () => {
    expect(StateBackendPluginSchema.safeParse(mongoStatePlugin).success).toBe(true);
    expect(defaultExport).toBe(mongoStatePlugin);
    expect(mongoStatePlugin).toMatchObject({
      name: '@q2google/state-mongo',
      apiVersion: STATE_PLUGIN_API_VERSION,
      schemes: ['mongodb', 'mongodb+srv'],
    });
  });

  test('a collectionPrefix query parameter is taken off the URI before connecting', () => {
    expect(splitCollectionPrefix('mongodb://h/db?collectionPrefix=app_&retryWrites=false')).toEqual(
      {
        uri: 'mongodb://h/db?retryWrites=false',
        collectionPrefix: 'app_',
      },
    );
    expect(splitCollectionPrefix('mongodb://h/db?w=1')).toEqual({ uri: 'mongodb://h/db?w=1' });
  });

  test('a client that is not a MongoClient gives CONFIG_INVALID', async () => {
    await expect(
      mongoStatePlugin.create('mongodb://h/db', { cwd: '/', client: { nope: true } }),
    ).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
  });
});

const url = await mongoTestUrl();

describe.skipIf(!url)('the plugin and prefixes with a server', () => {
  const client = new MongoClient(url ?? 'mongodb://unused');
  const opened: MongoBackend[] = [];
  afterAll(async () => {
    await Promise.all(opened.map((b) => b.close()));
    await dropCollections(
      client,
      opened.map((b) => b.names.prefix),
    );
    await client.close();
  });

  test('uses an injected client and a namespace, and leaves the client open on close', async () => {
    const namespace = randomTestNamespace();
    const backend = await mongoStatePlugin.create(`mongodb://ignored/${TEST_DATABASE}`, {
      cwd: '/',
      client,
      namespace,
    });
    opened.push(backend);
    expect(backend.names).toMatchObject({ database: TEST_DATABASE, items: `${namespace}_items` });
    await backend.save(buildSession({ items: 2 }));
    await backend.close();
    expect(await client.db(TEST_DATABASE).collection(backend.names.items).countDocuments()).toBe(2);
  });

  test('the same session id under two prefixes holds two different sessions', async () => {
    const open = (namespace: string) =>
      createMongoBackend({ url: url!, database: TEST_DATABASE, namespace });
    const [a, b] = await Promise.all([open(randomTestNamespace()), open(randomTestNamespace())]);
    opened.push(a, b);
    const mine = buildSession({ items: 3, album: 'A' });
    const theirs = buildSession({ id: mine.id, items: 1, album: 'B' });
    await a.save(mine);
    await b.save(theirs);
    expect(await a.load(mine.id)).toStrictEqual(mine);
    expect(await b.load(mine.id)).toStrictEqual(theirs);
    expect((await a.listSessions()).map((s) => s.id)).toEqual([mine.id]);
    await a.ledgerRecord([
      { key: 'k1', sessionId: mine.id, mediaItemId: 'm', createdAt: mine.createdAt },
    ]);
    expect((await b.ledgerLookup(['k1'])).size).toBe(0);
  });
});
