import { Q2gError } from '@q2google/core';
import type { GooglePhotosAuth, OAuthAuthOptions, OAuthEndpoints } from '../auth/google-auth.js';
import {
  createGooglePhotosSink,
  type GooglePhotosSink,
  type GooglePhotosSinkOptions,
} from '../sink.js';
import type { GooglePhotosSettings } from './gphotos-settings.js';

/** The OAuth endpoints the settings point at (Google's unless overridden). */
export function googleEndpointsOf(settings: GooglePhotosSettings): Required<OAuthEndpoints> {
  return {
    oauth2TokenUrl: settings.googleOauthTokenUrl,
    oauth2AuthBaseUrl: settings.googleOauthAuthUrl,
  };
}

/** The configured OAuth client (id, secret when set, endpoints); undefined without a client id. */
export function googleClientOf(
  settings: GooglePhotosSettings,
): { clientId: string; clientSecret?: string; endpoints: Required<OAuthEndpoints> } | undefined {
  if (!settings.googleClientId) return undefined;
  return {
    clientId: settings.googleClientId,
    ...(settings.googleClientSecret ? { clientSecret: settings.googleClientSecret } : {}),
    endpoints: googleEndpointsOf(settings),
  };
}

/** What an app passes besides the settings. */
export interface GooglePhotosWiringOptions {
  /** The hint when no OAuth client is configured (how to set one up in this app). */
  clientHint?: string;
  /** Called with the merged tokens whenever they change. */
  onTokens?: OAuthAuthOptions['onTokens'];
}

/**
 * The sink's credentials: the saved authorisation of the configured OAuth client. Without a
 * client id the sink still opens (a dry run needs its limits only) but every call fails with
 * GPHOTOS_AUTH_REQUIRED and `clientHint`.
 */
export function googleAuthFromSettings(
  settings: GooglePhotosSettings,
  options: GooglePhotosWiringOptions = {},
): GooglePhotosAuth | OAuthAuthOptions {
  const client = googleClientOf(settings);
  if (!client) {
    const missing = () =>
      Promise.reject(
        new Q2gError('GPHOTOS_AUTH_REQUIRED', 'No Google OAuth client is configured.', {
          ...(options.clientHint ? { hint: options.clientHint } : {}),
        }),
      );
    return { headers: missing, refresh: missing, grantedScopes: () => undefined };
  }
  return {
    ...client,
    tokenFile: settings.googleTokenFile,
    ...(options.onTokens ? { onTokens: options.onTokens } : {}),
  };
}

/** Sink options an app may tune beyond the settings. */
export type GooglePhotosSinkTuning = Omit<GooglePhotosSinkOptions, 'auth' | 'baseUrl'>;

/** The Google Photos sink the settings describe. */
export function createGooglePhotosSinkFromSettings(
  settings: GooglePhotosSettings,
  options: GooglePhotosWiringOptions & GooglePhotosSinkTuning = {},
): GooglePhotosSink {
  const { clientHint: _c, onTokens: _o, ...tuning } = options;
  return createGooglePhotosSink({
    ...tuning,
    limits: {
      ...(settings.albumCapacity ? { albumCapacity: settings.albumCapacity } : {}),
      ...tuning.limits,
    },
    auth: googleAuthFromSettings(settings, options),
    baseUrl: settings.gphotosApiUrl,
  });
}
