import { resolve } from 'node:path';
import {
  createBackendRegistry,
  createHttpTraceFile,
  type HttpDispatcher,
  type HttpTrace,
} from '@q2google/core';
import { createGooglePhotosSinkFromSettings } from '@q2google/sink-gphotos';
import { createGoProSourceFromSettings } from '@q2google/source-gopro';
import type { CliConfig, CliContext } from '../context.js';
import type { Services } from '../services.js';
import { GOOGLE_CLIENT_HINT, GOPRO_LOGIN_HINT } from './cli-settings.js';

/**
 * The GoPro source and Google Photos sink the settings describe, through the plugins'
 * factories, over `dispatcher` (the shared, proxy-aware one by default). With `traceHttp` set
 * both write their requests to that one file (`--trace-http`). The sink reads the CLI's clock,
 * so the quota reset it reports is on the same clock the run waits with.
 */
export function createRealClouds(
  ctx: Pick<CliContext, 'fetch' | 'cwd' | 'clock'>,
  dispatcher?: HttpDispatcher,
): Pick<Services, 'source' | 'sink'> {
  const traces = new Map<string, HttpTrace>();
  const http = (config: CliConfig) => {
    const path = config.traceHttp ? resolve(ctx.cwd, config.traceHttp) : undefined;
    if (path && !traces.has(path)) traces.set(path, createHttpTraceFile(path));
    const trace = path ? traces.get(path) : undefined;
    return { ...(dispatcher ? { dispatcher } : {}), ...(trace ? { trace } : {}) };
  };
  return {
    source: (config) =>
      createGoProSourceFromSettings(config, {
        ...http(config),
        ...(dispatcher ? {} : { fetch: ctx.fetch }),
        loginHint: GOPRO_LOGIN_HINT,
      }),
    sink: async (config) =>
      createGooglePhotosSinkFromSettings(config, {
        ...http(config),
        clientHint: GOOGLE_CLIENT_HINT,
        now: ctx.clock.now,
      }),
  };
}

/** The production services: the real registry, the GoPro source and the Google Photos sink. */
export function createRealServices(
  ctx: Pick<CliContext, 'cwd' | 'searchDirs' | 'fetch' | 'clock'>,
): Services {
  return {
    registry: (config) =>
      createBackendRegistry({ cwd: ctx.cwd, plugins: config.plugins, searchDirs: ctx.searchDirs }),
    ...createRealClouds(ctx),
  };
}
