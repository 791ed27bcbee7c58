import { z } from 'zod';

/** What a setting allows (for error messages and help) and how it is treated. */
export interface SettingField {
  /** What the setting allows, as the user should read it. */
  allowed: string;
  /** The value is a secret: never a flag, never echoed, scrubbed from output. */
  secret?: true;
  /** A file path: resolved against the project folder; default `~/.config/q2google/<file>`. */
  file?: string;
}

/** A group of settings: their zod schema and the description of each field. */
export interface Settings<S extends z.ZodRawShape = z.ZodRawShape> {
  schema: z.ZodObject<S>;
  fields: { readonly [K in keyof S]: SettingField };
  /** The settings' names, in schema order. */
  keys: readonly (keyof S & string)[];
}

/** The validated values of a group of settings. */
export type SettingsValues<T extends Settings> = z.infer<T['schema']>;

type ShapeOf<T> = T extends Settings<infer S> ? S : never;
type Composed<P extends readonly Settings[]> =
  Intersect<ShapeOf<P[number]>> extends infer S extends z.ZodRawShape ? S : never;
type Intersect<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void
  ? I
  : never;

/** Declares a group of settings (a plugin's or core's own) with each field's description. */
export function defineSettings<S extends z.ZodRawShape>(
  shape: S,
  fields: { readonly [K in keyof S]: SettingField },
): Settings<S> {
  return { schema: z.object(shape), fields, keys: Object.keys(shape) as (keyof S & string)[] };
}

/** One group made of several (core's, the source's, the sink's), in the order given. */
export function composeSettings<P extends readonly Settings[]>(...parts: P): Settings<Composed<P>> {
  const shape = Object.assign({}, ...parts.map((part) => part.schema.shape));
  const fields = Object.assign({}, ...parts.map((part) => part.fields));
  return defineSettings(shape, fields);
}

/** The environment variable of a setting: `goproApiUrl` → `Q2G_GOPRO_API_URL`. */
export function envNameOf(key: string): string {
  return `Q2G_${key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()}`;
}

/** The command-line flag of a setting: `goproApiUrl` → `--gopro-api-url`. */
export function flagNameOf(key: string): string {
  return `--${key.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()}`;
}

/** The values of secret settings, for scrubbing from any output. */
export function configSecrets(settings: Settings, values: Record<string, unknown>): string[] {
  return settings.keys
    .filter((key) => settings.fields[key]?.secret)
    .map((key) => values[key])
    .filter((value): value is string => typeof value === 'string');
}

/** A non-empty text setting (a path, a name, a token). */
export const textSetting = () => z.string().min(1);

/** An http(s) URL setting. */
export const httpUrlSetting = () => z.url({ protocol: /^https?$/ });

/** A comma-separated list setting (`a, b` → `['a', 'b']`). */
export const listSetting = () =>
  z.preprocess(
    (value) =>
      typeof value === 'string'
        ? value
            .split(',')
            .map((part) => part.trim())
            .filter(Boolean)
        : value,
    z.array(z.string().min(1)),
  );
