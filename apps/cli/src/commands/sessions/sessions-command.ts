import type { CommandSpec } from '../../command.js';
import { SUCCESS } from '../../outcome.js';
import { formatTable } from '../../output/format.js';
import { openBackend } from '../../run/open-backend.js';
import { summaryRow } from '../status/session-status.js';
import { listSessionsOf } from '../status/status-command.js';

/** `q2google sessions`: every session the state backend holds, newest first. */
export const sessionsCommand: CommandSpec = {
  name: 'sessions',
  summary: 'list the sessions in the state backend',
  usage: 'sessions [--state URI]',
  async run({ ctx, printer, config }) {
    const { backend, label, close } = await openBackend({
      services: ctx.services,
      loaded: config(),
    });
    try {
      const sessions = await listSessionsOf(backend, label);
      if (printer.mode.json) {
        for (const session of sessions) printer.json({ type: 'session', ...session });
        return SUCCESS;
      }
      if (sessions.length === 0) {
        printer.result(`No sessions in ${label} yet. Start one with \`q2google sync\`.`);
        return SUCCESS;
      }
      const rows = [['ID', 'RANGE', 'PROGRESS', 'UPDATED'], ...sessions.map(summaryRow)];
      for (const line of formatTable(rows)) printer.result(line);
      return SUCCESS;
    } finally {
      await close();
    }
  },
};
