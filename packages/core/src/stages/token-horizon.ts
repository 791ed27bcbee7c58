import type { StageContext } from './stage-context.js';

/**
 * The instant up to which an upload token counts as expired: now plus the least time the sink
 * requires a token to have left (`limits.uploadTokenMinRemainingMs`). A unit whose token
 * expires by then is uploaded again rather than sent and refused.
 */
export function tokenHorizon(ctx: Pick<StageContext, 'sink' | 'now'>): number {
  return ctx.now().getTime() + ctx.sink.limits.uploadTokenMinRemainingMs;
}
