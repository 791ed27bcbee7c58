import { z } from 'zod';
import { defineSettings, listSetting, type SettingsValues } from './settings.js';

const wholeNumber = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** Core's own settings: the state backend and the engine. Plugins add theirs beside them. */
export const CORE_SETTINGS = defineSettings(
  {
    stateUri: z.string().min(1).optional(),
    plugins: listSetting().default([]),
    concurrency: wholeNumber(1, 32).default(4),
    maxAttempts: wholeNumber(1, 100).default(5),
    album: z.string().min(1).max(500).optional(),
    mediaTypes: listSetting().default([]),
    rawPhotos: z.enum(['jpeg', 'raw', 'both']).default('jpeg'),
  },
  {
    stateUri: { allowed: 'a folder path or a URI such as postgres://host/db or mongodb://host/db' },
    plugins: { allowed: 'a comma-separated list of plugin package names' },
    concurrency: { allowed: 'a whole number from 1 to 32 (transfers at once)' },
    maxAttempts: {
      allowed: 'a whole number from 1 to 100 (tries per unit before it stays failed)',
    },
    album: { allowed: 'an album title of 1 to 500 characters' },
    mediaTypes: {
      allowed: 'a comma-separated list of GoPro media types such as Photo,Video,Burst',
    },
    rawPhotos: { allowed: 'one of jpeg, raw, both' },
  },
);
/** Core's validated settings. */
export type CoreSettings = SettingsValues<typeof CORE_SETTINGS>;

/** The engine options the settings decide, for `GoProToPhotosSync` and `SyncWorker`. */
export function engineOptionsOf(config: Pick<CoreSettings, 'concurrency' | 'maxAttempts'>): {
  concurrency: number;
  maxAttempts: number;
} {
  return { concurrency: config.concurrency, maxAttempts: config.maxAttempts };
}
