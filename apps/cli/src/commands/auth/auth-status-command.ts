import { readTokenFile } from '@q2google/sink-gphotos';
import { goproLoginOf } from '@q2google/source-gopro';
import type { CommandSpec } from '../../command.js';
import type { CliConfig } from '../../context.js';
import { type Outcome, SUCCESS } from '../../outcome.js';
import { GOOGLE_CLIENT_HINT, GOPRO_LOGIN_HINT } from '../../wiring/cli-settings.js';

/** One account's login state, as a line and whether it is usable. */
export interface LoginState {
  ok: boolean;
  line: string;
}

/** Where the GoPro credentials come from, without contacting GoPro. */
export async function goproLoginState(config: CliConfig): Promise<LoginState> {
  const login = await goproLoginOf(config);
  if (login?.method === 'settings') return { ok: true, line: 'using the token in Q2G_GOPRO_TOKEN' };
  if (!login) return { ok: false, line: `not logged in. ${GOPRO_LOGIN_HINT}` };
  const kind = login.method === 'password' ? 'password login, renews itself' : 'pasted token';
  const expires = login.expiresAt ? `, access token valid until ${login.expiresAt}` : '';
  return { ok: true, line: `logged in (${kind}${expires}); ${config.goproTokenFile}` };
}

/** Whether Google Photos access is configured and granted, without contacting Google. */
export async function googleLoginState(config: CliConfig): Promise<LoginState> {
  if (!config.googleClientId) return { ok: false, line: `no OAuth client. ${GOOGLE_CLIENT_HINT}` };
  const tokens = await readTokenFile(config.googleTokenFile);
  if (!tokens?.refresh_token) {
    return { ok: false, line: 'not authorised yet. Run `q2google auth google`.' };
  }
  return { ok: true, line: `authorised; ${config.googleTokenFile}` };
}

/** `q2google auth status`: both logins, without network calls (`doctor` checks them online). */
export const authStatusCommand: CommandSpec = {
  name: 'auth status',
  summary: 'show whether q2google can use your GoPro and Google accounts',
  usage: 'auth status',
  async run({ printer, config }): Promise<Outcome> {
    const { config: c } = config();
    const gopro = await goproLoginState(c);
    const google = await googleLoginState(c);
    const mark = (ok: boolean) => (ok ? printer.style.green('✓') : printer.style.red('✗'));
    printer.result(`${mark(gopro.ok)} GoPro: ${gopro.line}`);
    printer.result(`${mark(google.ok)} Google Photos: ${google.line}`);
    if (!gopro.ok)
      return { kind: 'stopped', code: 'GOPRO_AUTH_FAILED', message: 'GoPro login missing.' };
    if (!google.ok) {
      return {
        kind: 'stopped',
        code: 'GPHOTOS_AUTH_REQUIRED',
        message: 'Google Photos access missing.',
      };
    }
    return SUCCESS;
  },
};
