import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { Q2gError } from '../errors/q2g-error.js';
import { parseDotenv } from './dotenv.js';
import { envNameOf, flagNameOf, type Settings, type SettingsValues } from './settings.js';

/** Where a setting's value came from. */
export type ConfigOrigin = 'flag' | 'env' | 'dotenv' | 'default';

/** Where the settings come from; each is optional so callers and tests inject what they have. */
export interface ConfigSources {
  /** Values from command-line flags (or a web form), by setting name. */
  flags?: Partial<Record<string, unknown>>;
  /** The environment; defaults to `process.env`. */
  env?: Record<string, string | undefined>;
  /** The project folder; `.env` is read from here. Defaults to `process.cwd()`. */
  cwd?: string;
  /** A `.env` file to read instead of `<cwd>/.env`; `false` reads none. */
  dotenvPath?: string | false;
  /** The home folder, for default file locations. */
  homeDir?: string;
}

/** Inputs of {@link loadConfig}: the settings to read (composed by the app) and their sources. */
export interface LoadConfigInput<T extends Settings = Settings> extends ConfigSources {
  settings: T;
}

/** Validated settings and where each came from. */
export interface LoadedConfig<T extends Settings = Settings> {
  config: SettingsValues<T>;
  origins: Record<T['keys'][number], ConfigOrigin>;
}

/**
 * Reads settings from flags, then `Q2G_*` environment variables, then a `.env` file, then
 * defaults, and validates them with one schema. File settings are resolved against `cwd` and
 * default to `~/.config/q2google/<file>`. A bad value gives `CONFIG_INVALID` naming the
 * setting as the user wrote it (flag, variable or `.env` line) and what it allows.
 */
export function loadConfig<T extends Settings>(input: LoadConfigInput<T>): LoadedConfig<T> {
  const { settings } = input;
  const cwd = input.cwd ?? process.cwd();
  const env = input.env ?? process.env;
  const dotenvFile =
    input.dotenvPath === false ? undefined : resolve(cwd, input.dotenvPath ?? '.env');
  const dotenv = dotenvFile ? readDotenv(dotenvFile) : {};
  const configDir = join(input.homeDir ?? env.HOME ?? homedir(), '.config', 'q2google');
  const raw: Record<string, unknown> = {};
  const origins: Record<string, ConfigOrigin> = {};
  for (const key of settings.keys) {
    const flag = input.flags?.[key];
    const envValue = nonEmpty(env[envNameOf(key)]);
    const dotenvValue = nonEmpty(dotenv[envNameOf(key)]);
    if (flag !== undefined) [raw[key], origins[key]] = [flag, 'flag'];
    else if (envValue !== undefined) [raw[key], origins[key]] = [envValue, 'env'];
    else if (dotenvValue !== undefined) [raw[key], origins[key]] = [dotenvValue, 'dotenv'];
    else origins[key] = 'default';
    const file = settings.fields[key]?.file;
    if (file && raw[key] === undefined) raw[key] = join(configDir, file);
    else if (file && typeof raw[key] === 'string' && raw[key]) raw[key] = resolve(cwd, raw[key]);
  }
  const parsed = settings.schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = String(issue.path[0]);
    const field = settings.fields[key]!;
    const shown = field.secret ? '(hidden)' : JSON.stringify(raw[key]);
    throw new Q2gError(
      'CONFIG_INVALID',
      `${settingLabel(key, origins[key]!, dotenvFile)} is invalid: expected ${field.allowed}; got ${shown}.`,
      { details: { setting: key, origin: origins[key] }, cause: parsed.error },
    );
  }
  return { config: parsed.data as SettingsValues<T>, origins } as LoadedConfig<T>;
}

/** How the user wrote a setting: `--concurrency`, `Q2G_CONCURRENCY`, or `Q2G_… in /x/.env`. */
export function settingLabel(key: string, origin: ConfigOrigin, dotenvFile?: string): string {
  if (origin === 'flag') return flagNameOf(key);
  if (origin === 'dotenv') return `${envNameOf(key)} in ${dotenvFile ?? '.env'}`;
  return envNameOf(key);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

function readDotenv(file: string): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return {};
    throw new Q2gError('CONFIG_INVALID', `Could not read ${file}.`, {
      hint: 'Fix its permissions or remove it.',
      cause: error,
    });
  }
  const { values, badLines } = parseDotenv(text);
  if (badLines.length > 0) {
    throw new Q2gError('CONFIG_INVALID', `${file} line ${badLines[0]} is not KEY=value.`, {
      hint: 'Each line of a .env file is KEY=value, a # comment, or blank.',
    });
  }
  return values;
}
