/**
 * The registry plugin for `mongodb:` and `mongodb+srv:` URIs. `options.client` is an injected
 * `MongoClient`; `options.namespace` is appended to the collection prefix. The URI may carry a
 * `collectionPrefix` query parameter (removed before connecting).
 */
import {
  type BackendCreateOptions,
  injectedClient,
  STATE_PLUGIN_API_VERSION,
  type StateBackendPlugin,
  takeUriParams,
} from '@q2google/core';
import type { MongoClient } from 'mongodb';
import { createMongoBackend, type MongoBackend } from './mongo-backend.js';

const NAME = '@q2google/state-mongo';

/** Splits a `collectionPrefix` query parameter off a MongoDB URI. */
export function splitCollectionPrefix(uri: string): { uri: string; collectionPrefix?: string } {
  const { uri: rest, params } = takeUriParams(uri, ['collectionPrefix']);
  return { uri: rest, ...params };
}

/** Opens a MongoDB backend for the registry. */
async function create(uri: string, options: BackendCreateOptions): Promise<MongoBackend> {
  const { uri: url, collectionPrefix } = splitCollectionPrefix(uri);
  const client = injectedClient<MongoClient>(options.client, {
    plugin: NAME,
    kind: 'a MongoClient',
    methods: ['db', 'connect'],
  });
  return createMongoBackend({
    url,
    ...(client ? { client } : {}),
    ...(collectionPrefix !== undefined ? { collectionPrefix } : {}),
    ...(options.namespace ? { namespace: options.namespace } : {}),
  });
}

/** The `@q2google/state-mongo` plugin object. */
export const mongoStatePlugin = {
  name: NAME,
  apiVersion: STATE_PLUGIN_API_VERSION,
  schemes: ['mongodb', 'mongodb+srv'],
  /** Opens a MongoDB backend for a `mongodb:` / `mongodb+srv:` URI. */
  create,
} satisfies StateBackendPlugin;
