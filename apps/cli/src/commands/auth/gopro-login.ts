import { type GoProLogin, requireGoProClient, saveGoProLogin } from '@q2google/source-gopro';
import type { CliConfig, CliContext } from '../../context.js';
import type { Printer } from '../../output/printer.js';

/** How the user chose to log in. */
export type GoProLoginChoice =
  | { kind: 'token'; token?: string; userId?: string }
  | { kind: 'password'; email?: string; twoFactorCode?: string };

/**
 * Logs in to GoPro with what the user entered; the source plugin proves the credentials with
 * one API call and only then saves them to the token file. Asks for what the settings do not
 * provide (passwords and tokens hidden).
 */
export async function goproLogin(
  ctx: Pick<CliContext, 'prompts' | 'fetch'>,
  printer: Printer,
  config: CliConfig,
  choice: GoProLoginChoice,
): Promise<{ accountId: string; file: string }> {
  const login = await askLogin(ctx, printer, config, choice);
  const { accountId } = await saveGoProLogin(config, login, { fetch: ctx.fetch });
  return { accountId, file: config.goproTokenFile };
}

async function askLogin(
  ctx: Pick<CliContext, 'prompts'>,
  printer: Printer,
  config: CliConfig,
  choice: GoProLoginChoice,
): Promise<GoProLogin> {
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
    return { kind: 'token', accessToken: token, ...(userId ? { userId } : {}) };
  }
  requireGoProClient(config);
  const email = choice.email ?? config.goproEmail ?? (await ctx.prompts.ask('GoPro email: '));
  const password =
    config.goproPassword ?? (await ctx.prompts.ask('GoPro password: ', { secret: true }));
  printer.addSecrets(password);
  return {
    kind: 'password',
    email,
    password,
    ...(choice.twoFactorCode ? { twoFactorCode: choice.twoFactorCode } : {}),
  };
}
