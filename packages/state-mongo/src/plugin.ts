/**
 * The registry plugin for `mongodb:` and `mongodb+srv:` URIs. `options.client` is an injected
 * `MongoClient`; `options.namespace` is appended to the collection prefix. The URI may carry a
 * `collectionPrefix` query parameter (removed before connecting).
 */
import {
  type BackendCreateOptions,
  Q2gError,
  STATE_PLUGIN_API_VERSION,
  type StateBackendPlugin,
} from '@q2google/core';
import type { MongoClient } from 'mongodb';
import { z } from 'zod';
import { createMongoBackend, type MongoBackend } from './mongo-backend.js';

const ClientSchema = z.custom<MongoClient>(
  (v) =>
    typeof v === 'object' &&
    v !== null &&
    typeof (v as MongoClient).db === 'function' &&
    typeof (v as MongoClient).connect === 'function',
  { message: 'must be a MongoClient' },
);

/** Splits a `collectionPrefix` query parameter off a MongoDB URI. */
export function splitCollectionPrefix(uri: string): { uri: string; collectionPrefix?: string } {
  const query = uri.indexOf('?');
  if (query < 0) return { uri };
  const params = new URLSearchParams(uri.slice(query + 1));
  const collectionPrefix = params.get('collectionPrefix') ?? undefined;
  if (collectionPrefix === undefined) return { uri };
  params.delete('collectionPrefix');
  const rest = params.toString();
  return { uri: uri.slice(0, query) + (rest ? `?${rest}` : ''), collectionPrefix };
}

/** Opens a MongoDB backend for the registry. */
async function create(uri: string, options: BackendCreateOptions): Promise<MongoBackend> {
  const { uri: url, collectionPrefix } = splitCollectionPrefix(uri);
  let client: MongoClient | undefined;
  if (options.client !== undefined) {
    const parsed = ClientSchema.safeParse(options.client);
    if (!parsed.success) {
      throw new Q2gError(
        'CONFIG_INVALID',
        'The client given to @q2google/state-mongo must be a MongoClient.',
      );
    }
    client = parsed.data;
  }
  return createMongoBackend({
    url,
    ...(client ? { client } : {}),
    ...(collectionPrefix !== undefined ? { collectionPrefix } : {}),
    ...(options.namespace ? { namespace: options.namespace } : {}),
  });
}

/** The `@q2google/state-mongo` plugin object. */
export const mongoStatePlugin = {
  name: '@q2google/state-mongo',
  apiVersion: STATE_PLUGIN_API_VERSION,
  schemes: ['mongodb', 'mongodb+srv'],
  create,
} satisfies StateBackendPlugin;
