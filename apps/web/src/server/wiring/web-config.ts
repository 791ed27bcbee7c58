/** The web app's settings: core's, the GoPro source's and the Google Photos sink's. */
import { CORE_SETTINGS, composeSettings, type SettingsValues } from '@q2google/core/config';
import { GPHOTOS_SETTINGS } from '@q2google/sink-gphotos';
import { GOPRO_SETTINGS } from '@q2google/source-gopro';

/** Every setting the dashboard reads (the same names and variables as the CLI's). */
export const WEB_SETTINGS = composeSettings(CORE_SETTINGS, GOPRO_SETTINGS, GPHOTOS_SETTINGS);

/** Validated settings, as `loadConfig` returns them. */
export type WebConfig = SettingsValues<typeof WEB_SETTINGS>;
