import { Q2gError } from '@q2google/core';
import type { GooglePhotosAuth, OAuthAuthOptions } from '@q2google/sink-gphotos';
import type { CliConfig } from '../context.js';

/** The hint for a missing Google OAuth client. */
export const GOOGLE_CLIENT_HINT =
  'Create a "Desktop app" OAuth client in Google Cloud Console, set Q2G_GOOGLE_CLIENT_ID and Q2G_GOOGLE_CLIENT_SECRET (e.g. in .env), then run `q2google auth google`.';

/** The OAuth endpoints the settings point at (Google's unless overridden). */
export function googleEndpointsOf(config: CliConfig) {
  return {
    oauth2TokenUrl: config.googleOauthTokenUrl,
    oauth2AuthBaseUrl: config.googleOauthAuthUrl,
  };
}

/**
 * The sink's credentials: the saved authorisation of the configured OAuth client. Without a
 * client id the sink still opens (a dry run needs its limits only) but every call fails with
 * GPHOTOS_AUTH_REQUIRED saying how to set one up.
 */
export function googleAuthOf(config: CliConfig): GooglePhotosAuth | OAuthAuthOptions {
  if (!config.googleClientId) {
    const missing = () =>
      Promise.reject(
        new Q2gError('GPHOTOS_AUTH_REQUIRED', 'No Google OAuth client is configured.', {
          hint: GOOGLE_CLIENT_HINT,
        }),
      );
    return { headers: missing, refresh: missing, grantedScopes: () => undefined };
  }
  return {
    clientId: config.googleClientId,
    ...(config.googleClientSecret ? { clientSecret: config.googleClientSecret } : {}),
    tokenFile: config.googleTokenFile,
    endpoints: googleEndpointsOf(config),
  };
}
