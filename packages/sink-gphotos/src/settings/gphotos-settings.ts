import { defineSettings, httpUrlSetting, type SettingsValues } from '@q2google/core/config';
import { z } from 'zod';

/** The Google Photos sink's settings (`Q2G_GOOGLE_*`, `Q2G_GPHOTOS_*`); apps compose them. */
export const GPHOTOS_SETTINGS = defineSettings(
  {
    googleClientId: z.string().min(1).optional(),
    googleClientSecret: z.string().min(1).optional(),
    googleTokenFile: z.string().min(1),
    gphotosApiUrl: httpUrlSetting().default('https://photoslibrary.googleapis.com'),
    googleOauthTokenUrl: httpUrlSetting().default('https://oauth2.googleapis.com/token'),
    googleOauthAuthUrl: httpUrlSetting().default('https://accounts.google.com/o/oauth2/v2/auth'),
  },
  {
    googleClientId: { allowed: 'the client id of a Google OAuth "Desktop app" client' },
    googleClientSecret: { allowed: 'the client secret of that OAuth client', secret: true },
    googleTokenFile: {
      allowed: 'a file path for the saved Google authorisation',
      file: 'google-token.json',
    },
    gphotosApiUrl: { allowed: 'an http(s) URL; default https://photoslibrary.googleapis.com' },
    googleOauthTokenUrl: {
      allowed: 'an http(s) URL; default https://oauth2.googleapis.com/token',
    },
    googleOauthAuthUrl: {
      allowed: 'an http(s) URL; default https://accounts.google.com/o/oauth2/v2/auth',
    },
  },
);
/** Validated Google Photos settings. */
export type GooglePhotosSettings = SettingsValues<typeof GPHOTOS_SETTINGS>;
