import { fetchVia, sharedHttpDispatcher } from '@q2google/core';
import type { OAuth2ClientOptions } from 'google-auth-library';

type TransporterOptions = NonNullable<OAuth2ClientOptions['transporterOptions']>;
type GaxiosFetch = NonNullable<TransporterOptions['fetchImplementation']>;

/**
 * Options for google-auth-library's HTTP transport: our `fetch` (through the proxy-aware
 * dispatcher by default) instead of gaxios's default node-fetch, which can raise an uncaught
 * "socket hang up" when a server drops a kept-alive connection (seen against the emulator's
 * token endpoint under fault injection) and whose own proxy agent our fetch would not use.
 */
export function oauthTransporterOptions(send?: typeof globalThis.fetch): TransporterOptions {
  const lazy: typeof globalThis.fetch = (url, init) => fetchVia(sharedHttpDispatcher())(url, init);
  return { fetchImplementation: (send ?? lazy) as unknown as GaxiosFetch };
}

/** {@link oauthTransporterOptions} over the shared dispatcher. */
export const OAUTH_TRANSPORTER_OPTIONS: TransporterOptions = oauthTransporterOptions();
