/**
 * Settings that point q2google at the emulators, by the setting names the GoPro source and the
 * Google Photos sink declare (`goproApiUrl` is `Q2G_GOPRO_API_URL`, …). The demo, the tests and
 * the benchmarks build their clients from these with the plugins' own factories, like a user.
 */
import type { GoProEmulator } from './gopro/emulator.js';
import type { GooglePhotosEmulator } from './gphotos/emulator.js';
import { GPHOTOS_SCOPES } from './gphotos/options.js';

/** The OAuth client the Google Photos emulator accepts. */
export const SANDBOX_GOOGLE_CLIENT = { id: 'q2google-sandbox', secret: 'sandbox-client-secret' };

/** GoPro settings, by the names the GoPro source declares. */
export interface GoProSandboxSettings {
  goproApiUrl: string;
  goproClientId: string;
  goproClientSecret: string;
  goproTokenFile: string;
  goproToken?: string;
  goproUserId?: string;
  goproEmail?: string;
  goproPassword?: string;
}

/**
 * The GoPro settings of a running emulator. `login: 'password'` (default) logs in with the
 * sandbox account's e-mail and password and renews itself; `'token'` pastes an access token
 * that does not expire. The other login's settings are cleared (undefined), so these settings
 * spread over a user's own replace every GoPro login of theirs.
 */
export function goproSandboxSettings(
  emulator: Pick<GoProEmulator, 'apiUrl' | 'account' | 'issueAccessToken'>,
  options: { tokenFile: string; login?: 'password' | 'token' },
): GoProSandboxSettings {
  const { account } = emulator;
  const token = options.login === 'token';
  return {
    goproApiUrl: emulator.apiUrl,
    goproClientId: account.clientId,
    goproClientSecret: account.clientSecret,
    goproTokenFile: options.tokenFile,
    goproToken: token ? emulator.issueAccessToken(null) : undefined,
    goproUserId: token ? account.userId : undefined,
    goproEmail: token ? undefined : account.email,
    goproPassword: token ? undefined : account.password,
  };
}

/** The Google Photos settings of a running emulator, with the sandbox OAuth client. */
export function gphotosSandboxSettings(
  emulator: Pick<GooglePhotosEmulator, 'url' | 'endpoints'>,
  options: { tokenFile: string },
) {
  return {
    googleClientId: SANDBOX_GOOGLE_CLIENT.id,
    googleClientSecret: SANDBOX_GOOGLE_CLIENT.secret,
    googleTokenFile: options.tokenFile,
    gphotosApiUrl: emulator.url,
    googleOauthTokenUrl: emulator.endpoints.oauth2TokenUrl,
    googleOauthAuthUrl: emulator.endpoints.oauth2AuthBaseUrl,
  };
}

/** A grant of the sandbox client, as `q2google auth google` would have saved it. */
export function sandboxGoogleGrant(emulator: Pick<GooglePhotosEmulator, 'issueRefreshToken'>) {
  return {
    refresh_token: emulator.issueRefreshToken({ clientId: SANDBOX_GOOGLE_CLIENT.id }),
    scope: [GPHOTOS_SCOPES.appendonly, GPHOTOS_SCOPES.readonly].join(' '),
  };
}
