import type { CommandSpec } from '../../command.js';
import { executeSession } from '../../run/session-setup.js';

/** `q2google retry ID`: tries a session's failed units again, whatever their last error. */
export const retryCommand: CommandSpec = {
  name: 'retry',
  summary: "try a session's failed units again (also permanent failures)",
  usage: 'retry ID [--state URI]',
  positionals: { min: 1, max: 1, names: 'the session id (see `q2google sessions`)' },
  run: (input) =>
    executeSession(input, { sessionId: input.args.positionals[0]!, retryFailed: true }),
};
