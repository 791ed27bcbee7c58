import type { CommandSpec } from '../../command.js';
import { SUCCESS } from '../../outcome.js';
import { goproLogin } from './gopro-login.js';

/** `q2google auth gopro`: email + password (or a pasted token), checked before it is saved. */
export const authGoproCommand: CommandSpec = {
  name: 'auth gopro',
  summary: 'log in to the GoPro cloud (email + password, or a pasted token)',
  usage: 'auth gopro [--email ADDRESS] [--two-factor-code CODE] | auth gopro --token',
  details: [
    '',
    'Asks for what Q2G_GOPRO_EMAIL / Q2G_GOPRO_PASSWORD (or, with --token, Q2G_GOPRO_TOKEN and',
    'Q2G_GOPRO_USER_ID) do not provide; secrets are never echoed. The login is checked against',
    'the GoPro API first and saved only when it works, to Q2G_GOPRO_TOKEN_FILE (default',
    '~/.config/q2google/gopro-token.json, mode 0600). A password login renews itself; a pasted',
    'token works until GoPro expires it.',
  ],
  options: {
    email: { type: 'string' },
    token: { type: 'boolean' },
    'user-id': { type: 'string' },
    'two-factor-code': { type: 'string' },
  },
  async run({ ctx, printer, args, config }) {
    const { email, token } = args.values;
    const userId = args.values['user-id'];
    const twoFactorCode = args.values['two-factor-code'];
    const { accountId, file } = await goproLogin(
      ctx,
      printer,
      config().config,
      token === true
        ? { kind: 'token', ...(typeof userId === 'string' ? { userId } : {}) }
        : {
            kind: 'password',
            ...(typeof email === 'string' ? { email } : {}),
            ...(typeof twoFactorCode === 'string' ? { twoFactorCode } : {}),
          },
    );
    printer.result(`Logged in to GoPro (account ${accountId}); saved to ${file}.`);
    return SUCCESS;
  },
};
