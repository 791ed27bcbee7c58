import { defineSettings, httpUrlSetting, type SettingsValues } from '@q2google/core/config';
import { z } from 'zod';
import { GOOGLE_DAILY_REQUESTS, MAX_ALBUM_CAPACITY } from '../limits.js';

/** The Google Photos sink's settings (`Q2G_GOOGLE_*`, `Q2G_GPHOTOS_*`); apps compose them. */
export const GPHOTOS_SETTINGS = defineSettings(
  {
    googleClientId: z.string().min(1).optional(),
    googleClientSecret: z.string().min(1).optional(),
    googleTokenFile: z.string().min(1),
    gphotosApiUrl: httpUrlSetting().default('https://photoslibrary.googleapis.com'),
    googleOauthTokenUrl: httpUrlSetting().default('https://oauth2.googleapis.com/token'),
    googleOauthAuthUrl: httpUrlSetting().default('https://accounts.google.com/o/oauth2/v2/auth'),
    /** Items per album; Google's 20,000 when unset. */
    albumCapacity: z.coerce.number().int().min(1).max(MAX_ALBUM_CAPACITY).optional(),
    /** Pages (of 100 items) a lost batch's reconciliation lists at most; 200 when unset. */
    reconcileMaxPages: z.coerce.number().int().min(1).optional(),
    /**
     * Library API requests q2google may spend a Pacific day, every run and session together;
     * Google's whole 10,000 when unset.
     * A Google setting, not core's: it is a share of Google's per-project quota, and this
     * plugin declares it to the engine as `limits.requestQuota`; the engine only enforces what
     * the sink declares, for any sink.
     */
    dailyRequestBudget: z.coerce.number().int().min(1).optional(),
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
    albumCapacity: {
      allowed: `a whole number from 1 to ${MAX_ALBUM_CAPACITY}, default ${MAX_ALBUM_CAPACITY} (items per album before "Title (2)")`,
    },
    reconcileMaxPages: {
      allowed:
        'a whole number from 1, default 200 (list pages of 100 items a lost batch may cost before its units are reported uncertain)',
    },
    dailyRequestBudget: {
      allowed: `a whole number from 1, default ${GOOGLE_DAILY_REQUESTS} (Google Photos requests q2google may spend a Pacific day, all runs together; lower it when other tools share the OAuth project)`,
    },
  },
);
/** Validated Google Photos settings. */
export type GooglePhotosSettings = SettingsValues<typeof GPHOTOS_SETTINGS>;
