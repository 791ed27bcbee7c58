import { Q2gError } from '../errors/q2g-error.js';
import { describeIssue } from '../model/session-document.js';
import {
  STATE_PLUGIN_API_VERSION,
  type StateBackendPlugin,
  StateBackendPluginSchema,
} from './state-plugin.js';

/**
 * Checks that `value` is a state-backend plugin this core can use. Throws
 * `BACKEND_INVALID_PLUGIN` naming the bad field, or `BACKEND_API_VERSION` on a version mismatch.
 */
export function validatePlugin(value: unknown, origin: string): StateBackendPlugin {
  const parsed = StateBackendPluginSchema.safeParse(value);
  if (!parsed.success) {
    throw new Q2gError(
      'BACKEND_INVALID_PLUGIN',
      `${origin} is not a q2google state-backend plugin (${describeIssue(parsed.error)}).`,
      {
        hint: 'Its default export must be { name, apiVersion, schemes, create(uri, options) }; see docs/backends.md.',
        cause: parsed.error,
      },
    );
  }
  const plugin = parsed.data as StateBackendPlugin;
  if (plugin.apiVersion !== STATE_PLUGIN_API_VERSION) {
    throw new Q2gError(
      'BACKEND_API_VERSION',
      `${origin} speaks state-plugin API ${plugin.apiVersion}, but this q2google speaks ${STATE_PLUGIN_API_VERSION}.`,
      {
        hint:
          plugin.apiVersion > STATE_PLUGIN_API_VERSION
            ? 'Upgrade @q2google/core (and the CLI) to use this plugin.'
            : `Upgrade ${plugin.name} to a version made for plugin API ${STATE_PLUGIN_API_VERSION}.`,
      },
    );
  }
  return plugin;
}
