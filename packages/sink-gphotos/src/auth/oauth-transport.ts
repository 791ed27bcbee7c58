import type { OAuth2ClientOptions } from 'google-auth-library';

type TransporterOptions = NonNullable<OAuth2ClientOptions['transporterOptions']>;

/**
 * Options for google-auth-library's HTTP transport: Node's own fetch instead of gaxios's
 * default node-fetch, which can raise an uncaught "socket hang up" when a server drops a
 * kept-alive connection (seen against the emulator's token endpoint under fault injection).
 */
export const OAUTH_TRANSPORTER_OPTIONS: TransporterOptions = {
  fetchImplementation: globalThis.fetch as NonNullable<TransporterOptions['fetchImplementation']>,
};
