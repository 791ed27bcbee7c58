import { createInterface } from 'node:readline';
import type { Prompts } from '../context.js';

/**
 * Asks on stderr (stdout may carry `--json` records) and reads one line from stdin. A secret is
 * read by `@inquirer/password`, which masks the typing on every OS's terminal (Windows consoles
 * included) without reaching into readline's private methods; it is loaded only when asked.
 */
export const terminalPrompts: Prompts = {
  async ask(question, options = {}) {
    if (options.secret) {
      const { default: password } = await import('@inquirer/password');
      return password(
        { message: question.trim().replace(/:$/, ''), mask: false },
        { input: process.stdin, output: process.stderr, clearPromptOnDone: false },
      );
    }
    return new Promise((resolve) => {
      const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
      rl.question(question, (answer) => {
        rl.close();
        resolve(answer);
      });
    });
  },
};
