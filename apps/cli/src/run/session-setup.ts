import type { SyncRequest } from '@q2google/core/engine';
import type { CommandInput } from '../command.js';
import type { CliConfig } from '../context.js';
import type { Outcome } from '../outcome.js';
import type { CliLoadedConfig } from '../wiring/cli-settings.js';
import { quoteArg, stateFlagOf } from './open-backend.js';
import type { SessionContext } from './session-context.js';
import { runSessionSteps } from './session-steps.js';

/** What a new session takes from the settings besides its range: album, types, RAW choice. */
export function newSessionOptions(
  config: CliConfig,
): Pick<SyncRequest, 'album' | 'mediaTypes' | 'sourceOptions'> {
  return {
    album: config.album ?? null,
    mediaTypes: config.mediaTypes,
    sourceOptions: { rawPhotos: config.rawPhotos },
  };
}

/** `q2google resume ID` and `q2google retry ID`, with `--state` when it was a flag. */
export function followUpOf(sessionId: string, loaded: CliLoadedConfig): SessionContext['followUp'] {
  const tail = `${quoteArg(sessionId)}${stateFlagOf(loaded)}`;
  return { resume: `q2google resume ${tail}`, retry: `q2google retry ${tail}` };
}

/** A command's session context: its streams, settings, services, request and follow-ups. */
export function sessionContextOf(
  { ctx, printer }: Pick<CommandInput, 'ctx' | 'printer'>,
  loaded: CliLoadedConfig,
  request: SyncRequest,
  more: Partial<Pick<SessionContext, 'services' | 'worker' | 'followUp' | 'waitForQuota'>> = {},
): SessionContext {
  const { stderr, clock, onInterrupt, exit, services } = ctx;
  return {
    stderr,
    clock,
    onInterrupt,
    exit,
    printer,
    loaded,
    services,
    request,
    followUp: followUpOf(request.sessionId, loaded),
    ...more,
  };
}

/**
 * `sync`, `resume` and `retry`: the session steps over the settings, then the outcome. With
 * `--wait-for-quota` (when the command declares it) a daily-quota stop waits for the reset.
 */
export async function executeSession(input: CommandInput, request: SyncRequest): Promise<Outcome> {
  const loaded = input.config();
  const waitForQuota = input.args.values['wait-for-quota'] === true;
  const ctx = sessionContextOf(input, loaded, request, { waitForQuota });
  const { outcome } = await runSessionSteps(ctx);
  return outcome;
}
