/**
 * The state-backend plugin contract: a plain object the registry maps URI schemes to.
 *
 * ```ts
 * export default {
 *   name: 'q2google-state-redis',
 *   apiVersion: STATE_PLUGIN_API_VERSION,
 *   schemes: ['redis', 'rediss'],
 *   async create(uri, options) { return new RedisBackend(uri, options); },
 * } satisfies StateBackendPlugin;
 * ```
 */
import { z } from 'zod';
import type { SyncStateBackend } from '../protocol/state-backend.js';

/** The plugin API version this core speaks. A plugin must declare the same number. */
export const STATE_PLUGIN_API_VERSION = 1;

/** What the registry passes to a plugin's `create`. */
export interface BackendCreateOptions {
  /** The user's project folder: relative paths resolve from here. */
  cwd: string;
  /** A ready-made driver client or pool to use instead of opening one from the URI. */
  client?: unknown;
  /** Isolates this backend's data (table/collection prefix, sub-folder); used by tests. */
  namespace?: string;
}

/** A state-backend plugin. */
export interface StateBackendPlugin {
  /** The package name, e.g. `@q2google/state-postgres` or `q2google-state-redis`. */
  name: string;
  /** Must equal {@link STATE_PLUGIN_API_VERSION}. */
  apiVersion: number;
  /** URI schemes this plugin opens, without the colon, lower case (e.g. `postgres`). */
  schemes: string[];
  /** Opens a backend for a URI (or a bare path, for the `file` scheme). */
  create(uri: string, options: BackendCreateOptions): Promise<SyncStateBackend> | SyncStateBackend;
}

/** The shape a plugin object is checked against when it is loaded. */
export const StateBackendPluginSchema = z.object({
  name: z.string().min(1),
  apiVersion: z.number().int(),
  schemes: z
    .array(z.string().regex(/^[a-z][a-z0-9+.-]*$/, 'schemes are lower case, without ":"'))
    .min(1),
  /** Opens a backend for a URI; any function passes (its result is checked when used). */
  create: z.custom<StateBackendPlugin['create']>((v) => typeof v === 'function', {
    message: 'must be a function (uri, options) => backend',
  }),
});
