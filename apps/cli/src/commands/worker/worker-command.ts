import { Q2gError, requireLeases, type SyncRequest } from '@q2google/core';
import type { CommandSpec } from '../../command.js';
import { openBackend, quoteArg, stateFlagOf } from '../../run/open-backend.js';
import { runSession } from '../../run/run-session.js';
import { sessionOutcome } from '../../run/session-outcome.js';
import { summaryLines } from '../../run/summary-report.js';
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
    const { backend, label, close } = await openBackend(ctx, loaded);
    try {
      requireLeases(backend, { where: label, sessionId: session });
      const request: SyncRequest = { sessionId: session };
      if (typeof from === 'string' || typeof to === 'string') {
        request.range = parseRange(String(from ?? ''), String(to ?? ''));
        request.album = loaded.config.album ?? null;
        request.mediaTypes = loaded.config.mediaTypes;
        request.sourceOptions = { rawPhotos: loaded.config.rawPhotos };
      }
      const workerId = args.values['worker-id'];
      const summary = await runSession(ctx, printer, {
        request,
        backend,
        source: await ctx.services.source(loaded.config),
        sink: await ctx.services.sink(loaded.config),
        concurrency: loaded.config.concurrency,
        maxAttempts: loaded.config.maxAttempts,
        worker: typeof workerId === 'string' ? { workerId } : {},
      });
      if (!printer.mode.json) {
        for (const line of summaryLines(summary, printer.style)) printer.result(line);
      }
      const again = `q2google worker --session ${quoteArg(session)}${stateFlagOf(loaded)}`;
      return sessionOutcome(summary, {
        resume: again,
        retry: `q2google retry ${quoteArg(session)}${stateFlagOf(loaded)}`,
      });
    } finally {
      await close();
    }
  },
};
