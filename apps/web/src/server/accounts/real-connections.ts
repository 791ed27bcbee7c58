/** The dashboard's connections to the real (or sandbox) GoPro cloud and Google Photos. */
import type { WebConfig } from '../wiring/web-config.js';
import type { Connections } from './connections.js';
import { GoogleConnection } from './google-connection.js';
import { GoProConnection } from './gopro-connection.js';

/** Connections configured by the settings; credentials live in the settings' token files. */
export function createConnections(
  config: WebConfig,
  fetchImpl: typeof fetch = globalThis.fetch,
): Connections & {
  google: GoogleConnection;
  gopro: GoProConnection;
} {
  const google = new GoogleConnection(config);
  const gopro = new GoProConnection(config, fetchImpl);
  return {
    google,
    gopro,
    status: async () => ({ google: await google.status(), gopro: await gopro.status() }),
    googleStart: (redirectUri) => google.start(redirectUri),
    googleCallback: (query) => google.callback(query),
    goproLogin: (body) => gopro.login(body),
    goproToken: (body) => gopro.pasteToken(body),
    verify: (account) => (account === 'google' ? google.verify() : gopro.verify()),
    signOut: (account) => (account === 'google' ? google.signOut() : gopro.signOut()),
    async clients() {
      const source = await gopro.source();
      const sink = await google.sink();
      return { source, sink };
    },
    secrets: () => [...google.secrets(), ...gopro.secrets()],
  };
}
