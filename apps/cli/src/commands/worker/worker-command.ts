import { Q2gError, requireLeases } from '@q2google/core';
import type { SyncRequest } from '@q2google/core/engine';
import type { CommandSpec } from '../../command.js';
import { quoteArg, stateFlagOf } from '../../run/open-backend.js';
import { followUpOf, newSessionOptions, sessionContextOf } from '../../run/session-setup.js';
import { runSessionSteps } from '../../run/session-steps.js';
import { parseRange } from '../sync/date-range.js';

/**
 * `q2google worker`: one of several processes sharing a session on a backend with leases
 * (PostgreSQL, MongoDB). Start the same command on as many machines as you like.
 */
export const workerCommand: CommandSpec = {
  name: 'worker',
  summary: 'work on a session together with other workers (backends with leases)',
  usage: 'worker --session ID --state URI [--from DATE --to DATE] [--worker-id NAME]',
  details: [
    '',
    'Every worker claims units, renews its leases while it works, and picks up the units of a',
    'worker that died once their leases expire; one of them also discovers and creates. Give',
    '--from/--to to the first worker if the session does not exist yet. Needs a state backend',
    'with leases: postgres:// or mongodb://. The JSON backend allows one process per session.',
  ],
  options: {
    session: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    'worker-id': { type: 'string' },
  },
  async run({ ctx, printer, args, config }) {
    const { session, from, to } = args.values;
    if (typeof session !== 'string') {
      throw new Q2gError('CONFIG_INVALID', 'worker needs the session to work on.', {
        hint: 'Give --session ID (and --state URI for a shared postgres:// or mongodb:// state).',
      });
    }
    const loaded = config();
    const request: SyncRequest =
      typeof from === 'string' || typeof to === 'string'
        ? {
            sessionId: session,
            range: parseRange(String(from ?? ''), String(to ?? '')),
            ...newSessionOptions(loaded.config),
          }
        : { sessionId: session };
    const workerId = args.values['worker-id'];
    const { retry } = followUpOf(session, loaded);
    const context = sessionContextOf({ ctx, printer }, loaded, request, {
      worker: typeof workerId === 'string' ? { workerId } : {},
      followUp: {
        resume: `q2google worker --session ${quoteArg(session)}${stateFlagOf(loaded)}`,
        retry,
      },
    });
    const { outcome } = await runSessionSteps(context, ({ backend, label }) => {
      requireLeases(backend, { where: label, sessionId: session });
    });
    return outcome;
  },
};
