import { GoProToPhotosSync, type RetryPolicy, type SyncEngineOptions } from '@q2google/core';
import { createGooglePhotosSink, type GooglePhotosSinkOptions } from '@q2google/sink-gphotos';
import {
  createGoProSource,
  createPasswordAuth,
  createPastedTokenAuth,
} from '@q2google/source-gopro';

/** Retries fast enough for tests and patient enough to ride out injected faults. */
export const FAST_RETRY: RetryPolicy = {
  retries: 10,
  baseDelayMs: 5,
  maxDelayMs: 40,
  maxRetryAfterMs: 5_000,
};

/** Everything needed to build clients for a pair of running emulators (JSON-safe for a child). */
export interface Wiring {
  goproApiUrl: string;
  goproToken: string;
  goproAccount: {
    email: string;
    password: string;
    userId: string;
    clientId: string;
    clientSecret: string;
  };
  gphotosUrl: string;
  refreshToken: string;
  endpoints: { oauth2TokenUrl: string; oauth2AuthBaseUrl: string };
  /** `password` logs in through the emulator's OAuth endpoint and renews on 401. */
  goproAuth: 'pasted' | 'password';
  sink: Partial<Omit<GooglePhotosSinkOptions, 'auth'>>;
}

/** The real GoPro source and Google Photos sink, pointed at the emulators. */
export function buildClients(wiring: Wiring): Pick<SyncEngineOptions, 'source' | 'sink'> {
  const account = wiring.goproAccount;
  const auth =
    wiring.goproAuth === 'password'
      ? createPasswordAuth({
          clientId: account.clientId,
          clientSecret: account.clientSecret,
          email: account.email,
          password: account.password,
          baseUrl: wiring.goproApiUrl,
          retry: FAST_RETRY,
        })
      : createPastedTokenAuth({ accessToken: wiring.goproToken, userId: account.userId });
  return {
    source: createGoProSource({ auth, baseUrl: wiring.goproApiUrl, retry: FAST_RETRY }),
    sink: createGooglePhotosSink({
      baseUrl: wiring.gphotosUrl,
      auth: {
        clientId: 'q2google-sandbox',
        tokens: { refresh_token: wiring.refreshToken },
        endpoints: wiring.endpoints,
      },
      retry: FAST_RETRY,
      rateLimitFloorMs: 10,
      ...wiring.sink,
    }),
  };
}

/** The engine wired to the emulators with the real GoPro source and Google Photos sink. */
export function buildEngine(
  wiring: Wiring,
  options: Partial<SyncEngineOptions> & Pick<SyncEngineOptions, 'backend'>,
): GoProToPhotosSync {
  return new GoProToPhotosSync({ ...buildClients(wiring), concurrency: 4, ...options });
}
