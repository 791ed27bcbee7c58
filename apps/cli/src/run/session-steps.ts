import type { SyncSummary } from '@q2google/core/engine';
import type { Outcome } from '../outcome.js';
import { type OpenedBackend, openBackend } from './open-backend.js';
import { openClouds } from './open-clouds.js';
import { reportSession } from './report-session.js';
import { runSession } from './run-session.js';
import type { SessionContext } from './session-context.js';

/**
 * The steps every session command runs over one context: open the state, open the clouds, run
 * the session, report it. `checkState` may refuse the opened backend before anything else.
 */
export async function runSessionSteps(
  ctx: SessionContext,
  checkState?: (state: OpenedBackend) => void,
): Promise<{ summary: SyncSummary; outcome: Outcome }> {
  const state = await openBackend(ctx);
  try {
    ctx.printer.debug(`state: ${state.label}`);
    checkState?.(state);
    const clouds = await openClouds(ctx);
    const summary = await runSession(ctx, { backend: state.backend, ...clouds });
    return {
      summary,
      outcome: await reportSession(ctx, state.backend, summary, clouds.sink.limits),
    };
  } finally {
    await state.close();
  }
}
