import { Q2gError } from '@q2google/core';
import type { SyncRequest } from '@q2google/core/engine';
import type { CommandArgs, CommandSpec } from '../../command.js';
import type { CliConfig } from '../../context.js';
import { executeSession, newSessionOptions } from '../../run/session-setup.js';
import { defaultSessionId, parseRange } from './date-range.js';

/** Turns `sync`'s flags and settings into the engine's request. */
export function syncRequestOf(args: CommandArgs, config: CliConfig): SyncRequest {
  const { from, to, session } = args.values;
  if (typeof from !== 'string' || typeof to !== 'string') {
    throw new Q2gError('CONFIG_INVALID', 'sync needs a capture-date range.', {
      hint: 'Give both --from and --to (e.g. --from 2025-06-01 --to 2025-06-30), or resume a session with `q2google resume ID`.',
    });
  }
  const range = parseRange(from, to);
  return {
    sessionId: typeof session === 'string' ? session : defaultSessionId(range),
    range,
    ...newSessionOptions(config),
    dryRun: args.values['dry-run'] === true,
  };
}

/** `q2google sync`: runs or resumes a session over a capture-date range. */
export const syncCommand: CommandSpec = {
  name: 'sync',
  summary: 'copy media captured between two dates (runs or resumes a session)',
  usage:
    'sync --from DATE --to DATE [--session ID] [--album TITLE] [--state URI] [--concurrency N] [--types Photo,Video,…] [--dry-run] [--trace-http FILE] [--wait-for-quota]',
  details: [
    '',
    'DATE is YYYY-MM-DD (a whole UTC day) or an ISO instant. Without --session the id is',
    'gopro-FROM-to-TO, so running the same command again resumes the same session.',
    '--dry-run only discovers: it lists what would be transferred and skipped (and why), with',
    'total bytes, and the quota plan (the Google requests needed, the days they take at the',
    'daily quota, when the quota day ends); it records the discovery so the real run starts from it.',
    '--trace-http FILE writes every HTTP request as one NDJSON line (secrets masked) to attach',
    'to a bug report.',
    "--wait-for-quota sleeps until Google Photos' daily quota resets (Pacific midnight) and a",
    'minute more when it, or the daily request budget, is used up, then goes on, instead of',
    'stopping with exit code 5.',
  ],
  options: {
    from: { type: 'string' },
    to: { type: 'string' },
    session: { type: 'string' },
    'dry-run': { type: 'boolean' },
    'wait-for-quota': { type: 'boolean' },
  },
  run: (input) => executeSession(input, syncRequestOf(input.args, input.config().config)),
};
