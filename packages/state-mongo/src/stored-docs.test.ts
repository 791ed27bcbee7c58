import { buildSession, instant } from '@q2google/state-conformance';
import { type Collection, MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { collectionsOf } from './collections.js';
import type { PartDoc } from './documents.js';
import { createMongoBackend, type MongoBackend } from './mongo-backend.js';
import { writeSession } from './session-writes.js';
import {
  dropCollections,
  mongoTestUrl,
  randomTestNamespace,
  TEST_DATABASE,
} from './test-support/mongo-test-env.js';

const url = await mongoTestUrl();

describe.skipIf(!url)('what the MongoDB backend really stores', () => {
  const raw = new MongoClient(url ?? 'mongodb://unused');
  let backend: MongoBackend;
  const items = () => raw.db(TEST_DATABASE).collection<PartDoc>(backend.names.items);
  beforeAll(async () => {
    const namespace = randomTestNamespace();
    backend = await createMongoBackend({ url: url!, database: TEST_DATABASE, namespace });
  });
  afterAll(async () => {
    await backend.close();
    await dropCollections(raw, [backend.names.prefix]);
    await raw.close();
  });

  test('each unit is one document: JSON text plus indexed sessionId, key and status', async () => {
    const state = buildSession({ items: 2, batches: 0 });
    await backend.save(state);
    const docs = await items().find({ sessionId: state.id }).sort({ key: 1 }).toArray();
    expect(
      docs.map(({ _id, key, status, json }) => ({ _id, key, status, doc: JSON.parse(json) })),
    ).toEqual(
      ['unit-0', 'unit-1'].map((key) => ({
        _id: `${state.id}/${key}`,
        key,
        status: state.items[key]!.status,
        doc: state.items[key],
      })),
    );
    const indexes = (await items().listIndexes().toArray()).map((i) => i.name).sort();
    expect(indexes).toEqual(['_id_', 'session_key', 'session_status']);
  });

  test('a whole save interrupted before its deletes loses nothing: old and new units both remain', async () => {
    const state = buildSession({ items: 4, statuses: ['discovered'], batches: 0 });
    await backend.save(state);
    const { 'unit-0': _removed, ...kept } = state.items;
    const added = { ...state.items['unit-1']!, key: 'unit-new', fileName: 'new.MP4' };
    const next = { ...state, updatedAt: instant(90), items: { ...kept, 'unit-new': added } };
    const c = collectionsOf(raw.db(TEST_DATABASE), backend.names);
    const failingDeletes = new Proxy(c.items, {
      get(target, prop, receiver) {
        if (prop === 'deleteMany') return () => Promise.reject(new Error('killed before delete'));
        return Reflect.get(target, prop, receiver);
      },
    }) as Collection<PartDoc>;
    await expect(writeSession({ ...c, items: failingDeletes }, next)).rejects.toThrow('killed');
    const loaded = await backend.load(state.id);
    expect(Object.keys(loaded!.items).sort()).toEqual([
      'unit-0',
      'unit-1',
      'unit-2',
      'unit-3',
      'unit-new',
    ]);
    expect(loaded!.updatedAt).toBe(instant(90));
    await backend.save(next);
    expect(await backend.load(state.id)).toStrictEqual(next);
  });

  test('keys with dots, dollars and emoji are stored and found (MongoDB field-name rules do not apply)', async () => {
    const state = buildSession({ items: 1, batches: 0 });
    const item = { ...state.items['unit-0']!, key: 'a.b.$c 🎬' };
    const odd = {
      ...state,
      options: { ...state.options, source: { 'x.y': 1, $z: 'w' } },
      items: { [item.key]: item },
    };
    await backend.save(odd);
    expect(await backend.load(state.id)).toStrictEqual(odd);
  });
});
