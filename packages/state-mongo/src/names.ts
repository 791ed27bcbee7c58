/**
 * Where the backend's data lives: a database plus a collection prefix (and an optional
 * namespace appended to it), so several installations or test runs share one server.
 */
import { Q2gError } from '@q2google/core';

/** Placement options: database and collection prefix. */
export interface CollectionPlacement {
  /** Database name (default: the one in the URI, else `q2google`). */
  database?: string;
  /** Prefix of every collection name (default none: `sessions`, `items`, …). */
  collectionPrefix?: string;
  /** Extra isolation appended to the prefix as `<namespace>_` (letters, digits, `_`, `-`). */
  namespace?: string;
}

/** The collection names the backend uses. */
export interface CollectionNames {
  database: string;
  prefix: string;
  sessions: string;
  items: string;
  batches: string;
  ledger: string;
  requestCounts: string;
  leases: string;
  roles: string;
}

const SAFE = /^[A-Za-z0-9_-]*$/;

/** The database named in a MongoDB URI's path, if any. */
export function databaseFromUri(uri: string | undefined): string | undefined {
  const match = uri?.match(/^mongodb(?:\+srv)?:\/\/[^/]*\/([^?#]+)/i);
  return match?.[1] ? decodeURIComponent(match[1]) : undefined;
}

/** Resolves and validates the database and collection names. */
export function resolveCollectionNames(
  placement: CollectionPlacement,
  uri?: string,
): CollectionNames {
  const database = placement.database ?? databaseFromUri(uri) ?? 'q2google';
  const base = placement.collectionPrefix ?? '';
  const ns = placement.namespace ? `${placement.namespace}_` : '';
  const prefix = `${base}${ns}`;
  if (!SAFE.test(prefix) || !/^[A-Za-z0-9_-]{1,63}$/.test(database)) {
    throw new Q2gError(
      'CONFIG_INVALID',
      `Invalid MongoDB placement "${database}.${prefix}*": use letters, digits, "_" and "-".`,
    );
  }
  return {
    database,
    prefix,
    sessions: `${prefix}sessions`,
    items: `${prefix}items`,
    batches: `${prefix}batches`,
    ledger: `${prefix}ledger`,
    requestCounts: `${prefix}request_counts`,
    leases: `${prefix}leases`,
    roles: `${prefix}roles`,
  };
}
