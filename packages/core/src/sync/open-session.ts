import { Q2gError } from '../errors/q2g-error.js';
import { createSessionState } from '../model/session-document.js';
import type { SessionState } from '../model/session-state.js';
import { sleep } from '../util/sleep.js';
import type { EngineSettings } from './engine-options.js';
import { quotaBlock } from './quota-block.js';
import { assertSameSession, type ParsedSyncRequest } from './sync-request.js';

/** How {@link openSession} may create a session that does not exist yet. */
export interface CreateTurn {
  /** True when this process may create it now (one worker holds the `init` role). */
  mayCreate(): Promise<boolean>;
  /** How long to wait before looking again when another process is creating it. */
  pollMs: number;
  signal: AbortSignal;
}

/**
 * The session a request names: loaded and checked against the request, or created and saved
 * when the request gives a range. With `turn`, several processes may ask at once and only the
 * one allowed creates it; the others wait until it exists. A session whose daily quota is used
 * up (see {@link quotaBlock}) is refused with that stop, before any request to the sink.
 */
export async function openSession(
  settings: Pick<EngineSettings, 'backend' | 'now'>,
  request: ParsedSyncRequest,
  turn?: CreateTurn,
): Promise<{ state: SessionState; resumed: boolean }> {
  for (;;) {
    const existing = await settings.backend.load(request.sessionId);
    if (existing) {
      assertSameSession(existing, request);
      const blocked = quotaBlock(existing, settings.now());
      if (blocked) throw blocked;
      return { state: existing, resumed: true };
    }
    const state = newSessionState(request, settings.now());
    if (!turn || (await turn.mayCreate())) {
      await settings.backend.save(state);
      return { state, resumed: false };
    }
    await sleep(turn.pollMs, turn.signal);
  }
}

function newSessionState(request: ParsedSyncRequest, now: Date): SessionState {
  if (!request.range) {
    throw new Q2gError('CONFIG_INVALID', `There is no session "${request.sessionId}" to resume.`, {
      hint: 'Give a date range (--from and --to) to start it, or check the id with `q2google sessions`.',
    });
  }
  return createSessionState({
    id: request.sessionId,
    range: request.range,
    options: {
      album: request.album ?? null,
      mediaTypes: request.mediaTypes ?? [],
      source: request.sourceOptions ?? {},
    },
    now,
  });
}
