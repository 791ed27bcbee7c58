/**
 * Where the backend's tables live: a PostgreSQL schema plus a table prefix (and an optional
 * namespace appended to the prefix), so several installations or test runs share a database.
 */
import { Q2gError } from '@q2google/core';
import { z } from 'zod';

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;
const LONGEST_TABLE = 'migrations';
const MAX_IDENTIFIER = 63;

/** The placement options, validated. */
export const TablePlacementSchema = z.object({
  /** PostgreSQL schema (created when missing). Default `public`. */
  schema: z.string().regex(IDENTIFIER, 'lower-case letters, digits and _').default('public'),
  /** Prefix of every table name. Default `q2g_`. */
  tablePrefix: z
    .string()
    .regex(/^[a-z0-9_]*$/, 'lower-case letters, digits and _')
    .default('q2g_'),
  /** Extra isolation appended to the prefix (any letters; lower-cased, other characters → _). */
  namespace: z.string().min(1).max(40).optional(),
});
/** Where the tables go (schema, table prefix, namespace), as the caller gives it. */
export type TablePlacement = z.input<typeof TablePlacementSchema>;

/** Quoted, schema-qualified names of every table and index the backend uses. */
export interface TableNames {
  schema: string;
  prefix: string;
  sessions: string;
  items: string;
  batches: string;
  ledger: string;
  /** A sink's requests per day and writer (`req_counts`). */
  requestCounts: string;
  roles: string;
  migrations: string;
  /** A bare (unqualified, unquoted) name for an index or constraint with this prefix. */
  index(suffix: string): string;
  /** The key the migration advisory lock is taken on. */
  lockKey: string;
}

/** `"name"` — a double-quoted identifier (names are validated before they get here). */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Resolves and validates schema, prefix and namespace into table names. */
export function resolveTableNames(input: TablePlacement = {}): TableNames {
  const parsed = TablePlacementSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Q2gError(
      'CONFIG_INVALID',
      `Invalid PostgreSQL table placement: ${issue?.path.join('.')}: ${issue?.message}.`,
    );
  }
  const { schema, tablePrefix, namespace } = parsed.data;
  const ns = namespace ? `${namespace.toLowerCase().replace(/[^a-z0-9_]/g, '_')}_` : '';
  const prefix = `${tablePrefix}${ns}`;
  if (prefix.length + LONGEST_TABLE.length > MAX_IDENTIFIER || !/^[a-z0-9_]*$/.test(prefix)) {
    throw new Q2gError(
      'CONFIG_INVALID',
      `The PostgreSQL table prefix "${prefix}" is too long (at most ${MAX_IDENTIFIER - LONGEST_TABLE.length} characters).`,
    );
  }
  const table = (name: string) => `${quoteIdent(schema)}.${quoteIdent(prefix + name)}`;
  return {
    schema,
    prefix,
    sessions: table('sessions'),
    items: table('items'),
    batches: table('batches'),
    ledger: table('ledger'),
    requestCounts: table('req_counts'),
    roles: table('roles'),
    migrations: table('migrations'),
    index: (suffix) => quoteIdent(`${prefix}${suffix}`),
    lockKey: `q2google-state-postgres:${schema}.${prefix}`,
  };
}
