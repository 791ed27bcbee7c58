import { Q2gError } from '@q2google/core';
import { googleEndpointsOf, runLoopbackAuthorization } from '@q2google/sink-gphotos';
import type { CommandSpec } from '../../command.js';
import { SUCCESS } from '../../outcome.js';
import { GOOGLE_CLIENT_HINT } from '../../wiring/cli-settings.js';

/** `q2google auth google`: the loopback OAuth flow; saves the refresh token (mode 0600). */
export const authGoogleCommand: CommandSpec = {
  name: 'auth google',
  summary: 'authorise q2google to add to your Google Photos (opens a browser)',
  usage: 'auth google [--no-browser]',
  details: [
    '',
    'Prints a consent URL, opens it in a browser where there is one, and waits on a loopback',
    'address (127.0.0.1) for Google to send you back. Needs Q2G_GOOGLE_CLIENT_ID and',
    'Q2G_GOOGLE_CLIENT_SECRET of a "Desktop app" OAuth client. The grant is saved to',
    'Q2G_GOOGLE_TOKEN_FILE (default ~/.config/q2google/google-token.json), mode 0600.',
  ],
  options: { 'no-browser': { type: 'boolean' } },
  async run({ ctx, printer, args, config }) {
    const { config: c } = config();
    if (!c.googleClientId) {
      throw new Q2gError('CONFIG_INVALID', 'No Google OAuth client is configured.', {
        hint: GOOGLE_CLIENT_HINT.replace(', then run `q2google auth google`', ''),
      });
    }
    const result = await runLoopbackAuthorization({
      clientId: c.googleClientId,
      ...(c.googleClientSecret ? { clientSecret: c.googleClientSecret } : {}),
      endpoints: googleEndpointsOf(c),
      tokenFile: c.googleTokenFile,
      print: (line) => printer.line(line),
      openBrowser: async (url) => {
        if (args.values['no-browser'] === true) return;
        const opened = await ctx.openBrowser(url);
        printer.line(
          opened
            ? 'Opened your browser; waiting for you to approve…'
            : 'No browser could be opened here; open the URL above on any device that can reach this machine, then wait here…',
        );
      },
    });
    printer.result(
      `Google Photos access granted (${result.grantedScopes.length} scopes); saved to ${c.googleTokenFile}.`,
    );
    return SUCCESS;
  },
};
