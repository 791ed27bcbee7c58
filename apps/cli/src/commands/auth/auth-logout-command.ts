import { rm } from 'node:fs/promises';
import { Q2gError } from '@q2google/core';
import type { CommandSpec } from '../../command.js';
import { SUCCESS } from '../../outcome.js';

/** `q2google auth logout [gopro|google]`: deletes the saved logins (both by default). */
export const authLogoutCommand: CommandSpec = {
  name: 'auth logout',
  summary: 'forget the saved GoPro and/or Google login',
  usage: 'auth logout [gopro|google]',
  positionals: { min: 0, max: 1, names: 'gopro or google' },
  async run({ printer, args, config }) {
    const which = args.positionals[0];
    if (which !== undefined && which !== 'gopro' && which !== 'google') {
      throw new Q2gError('CONFIG_INVALID', `"${which}" is not an account q2google logs in to.`, {
        hint: 'Use `q2google auth logout gopro`, `… google`, or no argument for both.',
      });
    }
    const { config: c } = config();
    const files = [
      ...(which !== 'google' ? [['GoPro', c.goproTokenFile] as const] : []),
      ...(which !== 'gopro' ? [['Google', c.googleTokenFile] as const] : []),
    ];
    for (const [name, file] of files) {
      await rm(file, { force: true });
      printer.result(`Forgot the ${name} login (${file}).`);
    }
    if (which !== 'gopro') {
      printer.line(
        'To revoke Google access too, remove q2google at https://myaccount.google.com/permissions.',
      );
    }
    return SUCCESS;
  },
};
