import { configSecrets, envNameOf, flagNameOf } from '@q2google/core/config';
import { CLI_SETTINGS } from '../wiring/cli-settings.js';

type ConfigKey = (typeof CLI_SETTINGS.keys)[number];

/** A `node:util` parseArgs option. */
export interface FlagOption {
  type: 'string' | 'boolean';
  multiple?: boolean;
  short?: string;
}

/** Short aliases for the settings people type most. */
const ALIASES: Record<string, ConfigKey> = {
  state: 'stateUri',
  plugin: 'plugins',
  types: 'mediaTypes',
};

/** Settings that are never flags: secrets on a command line end up in shell history and `ps`. */
const flaggable = CLI_SETTINGS.keys.filter((key) => !CLI_SETTINGS.fields[key].secret);

/** Every setting's flag (`--concurrency`, `--gopro-api-url`, …) plus the aliases. */
export const CONFIG_FLAG_OPTIONS: Record<string, FlagOption> = Object.fromEntries([
  ...flaggable.map((key) => [
    flagNameOf(key).slice(2),
    { type: 'string', ...(key === 'plugins' ? { multiple: true } : {}) },
  ]),
  ...Object.entries(ALIASES).map(([alias, key]) => [
    alias,
    { type: 'string', ...(key === 'plugins' ? { multiple: true } : {}) },
  ]),
]);

/** The settings given as flags, by setting name, for `loadConfig`. */
export function configFlagsFrom(
  values: Record<string, unknown>,
): Partial<Record<ConfigKey, unknown>> {
  const flags: Partial<Record<ConfigKey, unknown>> = {};
  const take = (name: string, key: ConfigKey) => {
    const value = values[name];
    if (value === undefined) return;
    flags[key] = Array.isArray(value) ? value.join(',') : value;
  };
  for (const key of flaggable) take(flagNameOf(key).slice(2), key);
  for (const [alias, key] of Object.entries(ALIASES)) take(alias, key);
  return flags;
}

/** The values of secret `Q2G_*` variables, scrubbed from output even before config loads. */
export function secretsInEnv(env: Record<string, string | undefined>): string[] {
  const raw: Record<string, string | undefined> = {};
  for (const key of CLI_SETTINGS.keys) raw[key] = env[envNameOf(key)];
  return configSecrets(CLI_SETTINGS, raw);
}
