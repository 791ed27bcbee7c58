import {
  CORE_SETTINGS,
  composeSettings,
  defineSettings,
  type LoadedConfig,
  type SettingsValues,
  textSetting,
} from '@q2google/core/config';
import { GPHOTOS_SETTINGS } from '@q2google/sink-gphotos';
import { GOPRO_SETTINGS } from '@q2google/source-gopro';

/** The CLI's own settings: the HTTP trace for bug reports (`--trace-http FILE`). */
export const CLI_OWN_SETTINGS = defineSettings(
  { traceHttp: textSetting().optional() },
  {
    traceHttp: {
      allowed:
        'a file path; every HTTP request is written to it as one NDJSON line, secrets masked',
    },
  },
);

/** Every setting of the CLI: core's, the GoPro source's, the Google Photos sink's and its own. */
export const CLI_SETTINGS = composeSettings(
  CORE_SETTINGS,
  GOPRO_SETTINGS,
  GPHOTOS_SETTINGS,
  CLI_OWN_SETTINGS,
);
/** The CLI's validated settings. */
export type CliConfig = SettingsValues<typeof CLI_SETTINGS>;
/** The CLI's settings and where each came from. */
export type CliLoadedConfig = LoadedConfig<typeof CLI_SETTINGS>;

/** The hint for a missing or dead GoPro login. */
export const GOPRO_LOGIN_HINT =
  'Run `q2google auth gopro` (or set Q2G_GOPRO_TOKEN and Q2G_GOPRO_USER_ID).';

/** The hint for a missing Google OAuth client. */
export const GOOGLE_CLIENT_HINT =
  'Create a "Desktop app" OAuth client in Google Cloud Console, set Q2G_GOOGLE_CLIENT_ID and Q2G_GOOGLE_CLIENT_SECRET (e.g. in .env), then run `q2google auth google`.';
