/**
 * The registry plugin for `postgres:` and `postgresql:` URIs. The URI may carry `schema` and
 * `tablePrefix` query parameters (removed before connecting); `options.client` is an injected
 * `pg.Pool`; `options.namespace` is appended to the table prefix.
 */
import {
  type BackendCreateOptions,
  Q2gError,
  STATE_PLUGIN_API_VERSION,
  type StateBackendPlugin,
} from '@q2google/core';
import { z } from 'zod';
import type { PgPoolLike } from './db.js';
import { createPostgresBackend, type PostgresBackend } from './postgres-backend.js';

const PoolSchema = z.custom<PgPoolLike>(
  (v) =>
    typeof v === 'object' &&
    v !== null &&
    typeof (v as PgPoolLike).connect === 'function' &&
    typeof (v as PgPoolLike).query === 'function',
  { message: 'must be a pg.Pool (with connect() and query())' },
);

/** Splits `schema` / `tablePrefix` query parameters off a PostgreSQL URI. */
export function splitPlacement(uri: string): {
  uri: string;
  schema?: string;
  tablePrefix?: string;
} {
  const query = uri.indexOf('?');
  if (query < 0) return { uri };
  const params = new URLSearchParams(uri.slice(query + 1));
  const schema = params.get('schema') ?? undefined;
  const tablePrefix = params.get('tablePrefix') ?? undefined;
  params.delete('schema');
  params.delete('tablePrefix');
  const rest = params.toString();
  return {
    uri: uri.slice(0, query) + (rest ? `?${rest}` : ''),
    ...(schema !== undefined ? { schema } : {}),
    ...(tablePrefix !== undefined ? { tablePrefix } : {}),
  };
}

/** Opens a PostgreSQL backend for the registry. */
async function create(uri: string, options: BackendCreateOptions): Promise<PostgresBackend> {
  const placement = splitPlacement(uri);
  let pool: PgPoolLike | undefined;
  if (options.client !== undefined) {
    const parsed = PoolSchema.safeParse(options.client);
    if (!parsed.success) {
      throw new Q2gError(
        'CONFIG_INVALID',
        'The client given to @q2google/state-postgres must be a pg.Pool.',
      );
    }
    pool = parsed.data;
  }
  return createPostgresBackend({
    ...placement,
    connectionString: placement.uri,
    ...(pool ? { pool } : {}),
    ...(options.namespace ? { namespace: options.namespace } : {}),
  });
}

/** The `@q2google/state-postgres` plugin object. */
export const postgresStatePlugin = {
  name: '@q2google/state-postgres',
  apiVersion: STATE_PLUGIN_API_VERSION,
  schemes: ['postgres', 'postgresql'],
  create,
} satisfies StateBackendPlugin;
