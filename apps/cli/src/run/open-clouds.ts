import type { MediaSink, MediaSource } from '@q2google/core';
import type { SessionContext } from './session-context.js';

/** The source and the sink a run transfers between. */
export interface Clouds {
  source: MediaSource;
  sink: MediaSink;
}

/** Opens the source and the sink from the settings. */
export async function openClouds(
  ctx: Pick<SessionContext, 'services' | 'loaded'>,
): Promise<Clouds> {
  const source = await ctx.services.source(ctx.loaded.config);
  const sink = await ctx.services.sink(ctx.loaded.config);
  return { source, sink };
}
