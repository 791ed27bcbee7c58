/**
 * The registry plugin for `postgres:` and `postgresql:` URIs. The URI may carry `schema` and
 * `tablePrefix` query parameters (removed before connecting); `options.client` is an injected
 * `pg.Pool`; `options.namespace` is appended to the table prefix.
 */
import {
  type BackendCreateOptions,
  injectedClient,
  STATE_PLUGIN_API_VERSION,
  type StateBackendPlugin,
  takeUriParams,
} from '@q2google/core';
import type { PgPoolLike } from './db.js';
import { createPostgresBackend, type PostgresBackend } from './postgres-backend.js';

const NAME = '@q2google/state-postgres';

/** Splits `schema` / `tablePrefix` query parameters off a PostgreSQL URI. */
export function splitPlacement(uri: string): {
  uri: string;
  schema?: string;
  tablePrefix?: string;
} {
  const { uri: rest, params } = takeUriParams(uri, ['schema', 'tablePrefix']);
  return { uri: rest, ...params };
}

/** Opens a PostgreSQL backend for the registry. */
async function create(uri: string, options: BackendCreateOptions): Promise<PostgresBackend> {
  const placement = splitPlacement(uri);
  const pool = injectedClient<PgPoolLike>(options.client, {
    plugin: NAME,
    kind: 'a pg.Pool',
    methods: ['connect', 'query'],
  });
  return createPostgresBackend({
    ...placement,
    connectionString: placement.uri,
    ...(pool ? { pool } : {}),
    ...(options.namespace ? { namespace: options.namespace } : {}),
  });
}

/** The `@q2google/state-postgres` plugin object. */
export const postgresStatePlugin = {
  name: NAME,
  apiVersion: STATE_PLUGIN_API_VERSION,
  schemes: ['postgres', 'postgresql'],
  /** Opens a PostgreSQL backend for a `postgres:` / `postgresql:` URI. */
  create,
} satisfies StateBackendPlugin;
