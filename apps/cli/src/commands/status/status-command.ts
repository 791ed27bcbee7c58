import {
  isQ2gError,
  planSessionQuota,
  Q2gError,
  resolveCapabilities,
  type SessionSummary,
  type SyncStateBackend,
} from '@q2google/core';
import type { CommandSpec } from '../../command.js';
import { SUCCESS } from '../../outcome.js';
import { formatTable } from '../../output/format.js';
import { openBackend } from '../../run/open-backend.js';
import { quotaPlanLines } from '../../run/quota-plan-lines.js';
import { requestsToday, requestsTodayLine } from '../../run/requests-today.js';
import { sessionStatus, statusLines, summaryRow } from './session-status.js';

/** The sessions a backend can list, or a clear error when it cannot. */
export async function listSessionsOf(backend: SyncStateBackend, label: string) {
  if (!resolveCapabilities(backend).listSessions) {
    throw new Q2gError(
      'BACKEND_CAPABILITY_MISSING',
      `The state backend at ${label} (${backend.name ?? 'unnamed'}) cannot list sessions.`,
      { hint: 'Name the session id explicitly, e.g. `q2google status ID`.' },
    );
  }
  return backend.listSessions!();
}

/** `q2google status [ID]`: where a session stands (the newest one without an id). */
export const statusCommand: CommandSpec = {
  name: 'status',
  summary:
    'show counts by status, bytes done and left, failures by reason, the Google requests left',
  usage: 'status [ID] [--state URI]',
  positionals: { min: 0, max: 1, names: 'the session id' },
  async run({ ctx, printer, args, config }) {
    const { backend, label, close } = await openBackend({
      services: ctx.services,
      loaded: config(),
    });
    try {
      let id = args.positionals[0];
      let listed: SessionSummary[] | undefined;
      if (id === undefined) {
        listed = await listSessionsOf(backend, label);
        id = listed[0]?.id;
        if (id === undefined) {
          printer.result(`No sessions in ${label} yet. Start one with \`q2google sync\`.`);
          return SUCCESS;
        }
      }
      let state: Awaited<ReturnType<SyncStateBackend['load']>>;
      try {
        state = await backend.load(id);
      } catch (error) {
        if (!isQ2gError(error, 'BACKEND_LOCKED') || !resolveCapabilities(backend).listSessions) {
          throw error;
        }
        const row = (listed ?? (await backend.listSessions!())).find((s) => s.id === id);
        if (!row) throw error;
        printer.result(`Session ${id} is being synced right now; counts as last saved:`);
        printer.result(`  ${formatTable([summaryRow(row)])[0]}`);
        return SUCCESS;
      }
      if (!state) {
        throw new Q2gError('CONFIG_INVALID', `There is no session "${id}" in ${label}.`, {
          hint: 'List the sessions there with `q2google sessions`, or pass the --state it was run with.',
        });
      }
      const { limits } = await ctx.services.sink(config().config);
      const now = ctx.clock.now;
      const google = await requestsToday(backend, limits.requestQuota, now);
      // What is left today counts: the plan's first day has only the rest of the budget.
      const quotaPlan = planSessionQuota(state, limits, {
        now: new Date(now()),
        ...(google ? { spentToday: google.spent } : {}),
      });
      const status = sessionStatus(state);
      if (printer.mode.json)
        printer.json({ type: 'status', ...status, googleRequestsToday: google, quotaPlan });
      else {
        for (const line of statusLines(status, printer.style)) printer.result(line);
        if (google) printer.result(requestsTodayLine(google));
        if (quotaPlan) {
          for (const line of quotaPlanLines(quotaPlan, 'Google requests left'))
            printer.result(line);
        }
      }
      return SUCCESS;
    } finally {
      await close();
    }
  },
};
