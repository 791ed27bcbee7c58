import { createBackendRegistry } from '@q2google/core';
import { createGooglePhotosSink } from '@q2google/sink-gphotos';
import { createGoProSource } from '@q2google/source-gopro';
import type { CliContext } from '../context.js';
import type { Services } from '../services.js';
import { googleAuthOf } from './google-auth.js';
import { goproAuthOf } from './gopro-auth.js';

/** The production services: the real registry, the GoPro source and the Google Photos sink. */
export function createRealServices(
  ctx: Pick<CliContext, 'cwd' | 'searchDirs' | 'fetch'>,
): Services {
  return {
    registry: (config) =>
      createBackendRegistry({ cwd: ctx.cwd, plugins: config.plugins, searchDirs: ctx.searchDirs }),
    source: async (config) =>
      createGoProSource({
        auth: await goproAuthOf(config, ctx.fetch),
        baseUrl: config.goproApiUrl,
        fetch: ctx.fetch,
      }),
    sink: async (config) =>
      createGooglePhotosSink({ auth: googleAuthOf(config), baseUrl: config.gphotosApiUrl }),
  };
}
