import { createBackendRegistry } from '@q2google/core';
import { createGooglePhotosSinkFromSettings } from '@q2google/sink-gphotos';
import { createGoProSourceFromSettings } from '@q2google/source-gopro';
import type { CliContext } from '../context.js';
import type { Services } from '../services.js';
import { GOOGLE_CLIENT_HINT, GOPRO_LOGIN_HINT } from './cli-settings.js';

/** The GoPro source and Google Photos sink the settings describe, through the plugins' factories. */
export function createRealClouds(
  ctx: Pick<CliContext, 'fetch'>,
): Pick<Services, 'source' | 'sink'> {
  return {
    source: (config) =>
      createGoProSourceFromSettings(config, { fetch: ctx.fetch, loginHint: GOPRO_LOGIN_HINT }),
    sink: async (config) =>
      createGooglePhotosSinkFromSettings(config, { clientHint: GOOGLE_CLIENT_HINT }),
  };
}

/** The production services: the real registry, the GoPro source and the Google Photos sink. */
export function createRealServices(
  ctx: Pick<CliContext, 'cwd' | 'searchDirs' | 'fetch'>,
): Services {
  return {
    registry: (config) =>
      createBackendRegistry({ cwd: ctx.cwd, plugins: config.plugins, searchDirs: ctx.searchDirs }),
    ...createRealClouds(ctx),
  };
}
