/** @q2google/state-postgres — the PostgreSQL state backend of q2google. */
export type { PgPoolLike } from './db.js';
export { classifyConnectionError } from './errors.js';
export { MIGRATIONS, type Migration, migrate, POSTGRES_SCHEMA_VERSION } from './migrations.js';
export { resolveTableNames, type TableNames, type TablePlacement } from './names.js';
export { postgresStatePlugin, postgresStatePlugin as default, splitPlacement } from './plugin.js';
export {
  createPostgresBackend,
  POSTGRES_CAPABILITIES,
  type PostgresBackend,
  type PostgresBackendOptions,
} from './postgres-backend.js';
