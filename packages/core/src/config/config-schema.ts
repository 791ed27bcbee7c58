import { z } from 'zod';

const list = z.preprocess(
  (value) =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((part) => part.trim())
          .filter(Boolean)
      : value,
  z.array(z.string().min(1)),
);
const httpUrl = z.url({ protocol: /^https?$/ });
const wholeNumber = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** Every q2google setting. Flags, `Q2G_*` variables and `.env` all feed this one schema. */
export const ConfigSchema = z.object({
  stateUri: z.string().min(1).optional(),
  plugins: list.default([]),
  concurrency: wholeNumber(1, 32).default(4),
  maxAttempts: wholeNumber(1, 100).default(5),
  album: z.string().min(1).max(500).optional(),
  mediaTypes: list.default([]),
  rawPhotos: z.enum(['jpeg', 'raw', 'both']).default('jpeg'),
  goproToken: z.string().min(1).optional(),
  goproUserId: z.string().min(1).optional(),
  goproEmail: z.email().optional(),
  goproPassword: z.string().min(1).optional(),
  goproApiUrl: httpUrl.default('https://api.gopro.com'),
  goproTokenFile: z.string().min(1).optional(),
  goproClientId: z.string().min(1).optional(),
  goproClientSecret: z.string().min(1).optional(),
  googleClientId: z.string().min(1).optional(),
  googleClientSecret: z.string().min(1).optional(),
  googleTokenFile: z.string().min(1).optional(),
  gphotosApiUrl: httpUrl.default('https://photoslibrary.googleapis.com'),
  googleOauthTokenUrl: httpUrl.default('https://oauth2.googleapis.com/token'),
  googleOauthAuthUrl: httpUrl.default('https://accounts.google.com/o/oauth2/v2/auth'),
});
/** Validated settings. */
export type Q2gConfig = z.infer<typeof ConfigSchema>;
/** A setting's name. */
export type ConfigKey = keyof Q2gConfig;

/** What each setting is, what it allows, and whether its value is a secret. */
export const CONFIG_FIELDS: Readonly<Record<ConfigKey, { allowed: string; secret?: true }>> = {
  stateUri: { allowed: 'a folder path or a URI such as postgres://host/db or mongodb://host/db' },
  plugins: { allowed: 'a comma-separated list of plugin package names' },
  concurrency: { allowed: 'a whole number from 1 to 32 (transfers at once)' },
  maxAttempts: { allowed: 'a whole number from 1 to 100 (tries per unit before it stays failed)' },
  album: { allowed: 'an album title of 1 to 500 characters' },
  mediaTypes: { allowed: 'a comma-separated list of GoPro media types such as Photo,Video,Burst' },
  rawPhotos: { allowed: 'one of jpeg, raw, both' },
  goproToken: { allowed: 'the gp_access_token cookie value from gopro.com', secret: true },
  goproUserId: { allowed: 'the gp_user_id cookie value (a UUID)' },
  goproEmail: { allowed: 'the e-mail address of a GoPro account' },
  goproPassword: { allowed: 'the GoPro account password', secret: true },
  goproApiUrl: { allowed: 'an http(s) URL; default https://api.gopro.com' },
  goproTokenFile: { allowed: 'a file path for the saved GoPro login' },
  goproClientId: { allowed: "the GoPro web app's OAuth client id (for email + password login)" },
  goproClientSecret: {
    allowed: "the GoPro web app's OAuth client secret (for email + password login)",
    secret: true,
  },
  googleClientId: { allowed: 'the client id of a Google OAuth "Desktop app" client' },
  googleClientSecret: { allowed: 'the client secret of that OAuth client', secret: true },
  googleTokenFile: { allowed: 'a file path for the saved Google authorisation' },
  gphotosApiUrl: { allowed: 'an http(s) URL; default https://photoslibrary.googleapis.com' },
  googleOauthTokenUrl: { allowed: 'an http(s) URL; default https://oauth2.googleapis.com/token' },
  googleOauthAuthUrl: {
    allowed: 'an http(s) URL; default https://accounts.google.com/o/oauth2/v2/auth',
  },
};

/** The environment variable of a setting: `goproApiUrl` → `Q2G_GOPRO_API_URL`. */
export function envNameOf(key: ConfigKey): string {
  return `Q2G_${key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()}`;
}

/** The command-line flag of a setting: `goproApiUrl` → `--gopro-api-url`. */
export function flagNameOf(key: ConfigKey): string {
  return `--${key.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()}`;
}

/** Every setting's name, in schema order. */
export const CONFIG_KEYS = Object.keys(ConfigSchema.shape) as ConfigKey[];

/** The values of secret settings, for scrubbing from any output. */
export function configSecrets(config: Partial<Q2gConfig>): string[] {
  return CONFIG_KEYS.filter((key) => CONFIG_FIELDS[key].secret)
    .map((key) => config[key])
    .filter((value): value is string => typeof value === 'string');
}
