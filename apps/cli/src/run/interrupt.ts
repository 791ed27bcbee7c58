import type { CliContext } from '../context.js';
import { EXIT_CODES } from '../exit-codes.js';

/**
 * First Ctrl-C: asks the run to stop (the engine saves state and returns a summary). Second:
 * exits at once with 130. Returns the function that stops listening.
 */
export function trapInterrupts(
  ctx: Pick<CliContext, 'onInterrupt' | 'exit'>,
  controller: AbortController,
  say: (text: string) => void,
): () => void {
  return ctx.onInterrupt((count) => {
    if (count === 1) {
      say('Stopping: finishing the current step and saving state… (Ctrl-C again aborts at once)');
      controller.abort();
      return;
    }
    say('Aborted. Progress up to the last save is kept.');
    ctx.exit(EXIT_CODES.interrupted);
  });
}
