/** The web app's settings: core's validated configuration with the token-file paths resolved. */
import type { LoadedConfig } from '@q2google/core';

/** Validated settings, as `loadConfig` returns them. */
export type WebConfig = LoadedConfig['config'];
