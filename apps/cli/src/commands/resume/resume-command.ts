import type { CommandSpec } from '../../command.js';
import { executeSession } from '../../run/session-setup.js';

/** `q2google resume ID`: continues a session with the range and options it was started with. */
export const resumeCommand: CommandSpec = {
  name: 'resume',
  summary: 'continue a session where it stopped',
  usage: 'resume ID [--state URI] [--concurrency N] [--wait-for-quota]',
  details: [
    '',
    '--wait-for-quota sleeps until the daily quota (or budget) resets instead of exiting with 5.',
  ],
  options: { 'wait-for-quota': { type: 'boolean' } },
  positionals: { min: 1, max: 1, names: 'the session id (see `q2google sessions`)' },
  run: (input) => executeSession(input, { sessionId: input.args.positionals[0]! }),
};
