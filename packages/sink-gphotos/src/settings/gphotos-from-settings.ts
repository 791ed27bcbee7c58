import {
  fetchVia,
  type HttpDispatcher,
  type HttpTrace,
  Q2gError,
  sharedHttpDispatcher,
  traceFetch,
} from '@q2google/core';
import type { GooglePhotosAuth, OAuthAuthOptions, OAuthEndpoints } from '../auth/google-auth.js';
import { traceTransport } from '../http/trace-transport.js';
import { createHttpTransport, type HttpTransport } from '../http/transport.js';
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
  /** Where requests go (the proxy-aware shared dispatcher by default). */
  dispatcher?: HttpDispatcher;
  /** Records every request, the OAuth ones included (`--trace-http`). */
  trace?: HttpTrace;
}

/** The sink's HTTP stack: one transport for the Library API and uploads, one fetch for OAuth. */
export interface GoogleHttp {
  /** Library API and upload requests. */
  transport: HttpTransport;
  /** OAuth token requests (the access-token refresh). */
  fetch: typeof globalThis.fetch;
}

/**
 * The sink's HTTP stack from the wiring options: the Library API and upload transport and the
 * OAuth fetch, both through the dispatcher (the shared one honours HTTPS_PROXY/HTTP_PROXY/
 * NO_PROXY) and traced when asked. A `transport` of the app's own is traced but kept.
 */
export function googleHttpOf(
  options: Pick<GooglePhotosWiringOptions, 'dispatcher' | 'trace'> & { transport?: HttpTransport },
): GoogleHttp {
  const dispatcher = options.dispatcher ?? sharedHttpDispatcher();
  const transport = options.transport ?? createHttpTransport(dispatcher);
  const oauthFetch = fetchVia(dispatcher);
  if (!options.trace) return { transport, fetch: oauthFetch };
  return {
    transport: traceTransport(transport, options.trace),
    fetch: traceFetch(oauthFetch, options.trace, 'google-oauth'),
  };
}

/**
 * The sink's credentials: the saved authorisation of the configured OAuth client. Without a
 * client id the sink still opens (a dry run needs its limits only) but every call fails with
 * GPHOTOS_AUTH_REQUIRED and `clientHint`.
 */
export function googleAuthFromSettings(
  settings: GooglePhotosSettings,
  options: GooglePhotosWiringOptions & { fetch?: typeof fetch } = {},
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
    fetch: options.fetch ?? googleHttpOf(options).fetch,
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
  const { clientHint: _c, onTokens: _o, dispatcher: _d, trace: _t, ...tuning } = options;
  const http = googleHttpOf(options);
  return createGooglePhotosSink({
    ...(settings.reconcileMaxPages ? { reconcileMaxPages: settings.reconcileMaxPages } : {}),
    ...(settings.dailyRequestBudget ? { dailyRequestBudget: settings.dailyRequestBudget } : {}),
    ...tuning,
    transport: http.transport,
    limits: {
      ...(settings.albumCapacity ? { albumCapacity: settings.albumCapacity } : {}),
      ...tuning.limits,
    },
    auth: googleAuthFromSettings(settings, { ...options, fetch: http.fetch }),
    baseUrl: settings.gphotosApiUrl,
  });
}
