import { Q2gError } from '@q2google/core';
import {
  createGoProSource,
  createGoProTokenFile,
  createPasswordAuth,
  createPastedTokenAuth,
  type GoProAuth,
  type GoProTokenStore,
  type StoredGoProCredentials,
} from '@q2google/source-gopro';
import type { CliConfig, CliContext } from '../../context.js';
import type { Printer } from '../../output/printer.js';
import { goproClientOf } from '../../wiring/gopro-auth.js';

/** How the user chose to log in. */
export type GoProLoginChoice =
  | { kind: 'token'; token?: string; userId?: string }
  | { kind: 'password'; email?: string; twoFactorCode?: string };

/**
 * Logs in to GoPro, proves the credentials with one API call, and only then saves them to the
 * token file. Asks for what the settings do not provide (passwords and tokens hidden).
 */
export async function goproLogin(
  ctx: Pick<CliContext, 'prompts' | 'fetch'>,
  printer: Printer,
  config: CliConfig,
  choice: GoProLoginChoice,
): Promise<{ accountId: string; file: string }> {
  let captured: StoredGoProCredentials | null = null;
  const memory: GoProTokenStore = {
    load: async () => null,
    save: async (credentials) => {
      captured = credentials;
    },
  };
  let auth: GoProAuth;
  if (choice.kind === 'token') {
    const token =
      choice.token ??
      config.goproToken ??
      (await ctx.prompts.ask('Paste the gp_access_token cookie value: ', { secret: true }));
    printer.addSecrets(token);
    const userId =
      choice.userId ??
      config.goproUserId ??
      ((await ctx.prompts.ask('gp_user_id cookie value (Enter to skip): ')).trim() || undefined);
    auth = createPastedTokenAuth({ accessToken: token, ...(userId ? { userId } : {}) });
  } else {
    const client = goproClientOf(config);
    if (!client) {
      throw new Q2gError(
        'CONFIG_INVALID',
        "Email + password login needs the GoPro web app's OAuth client id and secret.",
        {
          hint: 'Set Q2G_GOPRO_CLIENT_ID and Q2G_GOPRO_CLIENT_SECRET (see the README), or log in with a pasted token: `q2google auth gopro --token`.',
        },
      );
    }
    const email = choice.email ?? config.goproEmail ?? (await ctx.prompts.ask('GoPro email: '));
    const password =
      config.goproPassword ?? (await ctx.prompts.ask('GoPro password: ', { secret: true }));
    printer.addSecrets(password);
    auth = createPasswordAuth({
      ...client,
      email: email.trim(),
      password,
      store: memory,
      baseUrl: config.goproApiUrl,
      fetch: ctx.fetch,
      ...(choice.twoFactorCode ? { twoFactorCode: choice.twoFactorCode } : {}),
    });
  }
  const source = createGoProSource({ auth, baseUrl: config.goproApiUrl, fetch: ctx.fetch });
  const { accountId } = await source.verify();
  const current = await auth.current();
  const credentials: StoredGoProCredentials = captured ?? {
    version: 1,
    accessToken: current.accessToken,
  };
  await createGoProTokenFile(config.goproTokenFile).save({
    ...credentials,
    userId: credentials.userId ?? current.userId ?? accountId,
  });
  return { accountId, file: config.goproTokenFile };
}
