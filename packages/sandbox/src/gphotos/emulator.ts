import type { Socket } from 'node:net';
import { FaultInjector, type FaultRuleInput } from '../shared/faults.js';
import { startHttpServer } from '../shared/http-server.js';
import { resolveSandboxTls, type SandboxServerTls } from '../tls/sandbox-tls.js';
import { AuthStore } from './auth-store.js';
import { BaseUrls } from './base-urls.js';
import type { EmulatorContext } from './context.js';
import { inspectLibrary } from './inspection.js';
import { Library } from './library.js';
import { DEFAULT_USER } from './oauth-routes.js';
import {
  type GooglePhotosEmulatorOptions,
  type GooglePhotosEmulatorOptionsInput,
  GooglePhotosEmulatorOptionsSchema,
  GPHOTOS_SCOPES,
} from './options.js';
import { QuotaCounter, type QuotaDay } from './quota.js';
import { route } from './router.js';
import { UploadTokens } from './upload-tokens.js';

/** Who a test-issued token belongs to and what it may do. */
export interface GrantInput {
  /** OAuth client (project); `q2google-sandbox` by default. */
  clientId?: string;
  /** Full scope URIs; appendonly + readonly.appcreateddata by default. */
  scopes?: string[];
  user?: string;
}

/** A running Google Photos emulator and its test controls. */
export interface GooglePhotosEmulator {
  /** Base URL of the emulated Library API, e.g. `http://127.0.0.1:43127`. */
  url: string;
  /** Base URL of the upload sessions' host (given to clients in `x-goog-upload-url`). */
  uploadUrl: string;
  /** The TLS the servers use (`undefined`: plain HTTP); clients trust `tls.caFile`. */
  tls: SandboxServerTls | undefined;
  /** Token and consent endpoints for `google-auth-library`'s `endpoints` option. */
  endpoints: { oauth2TokenUrl: string; oauth2AuthBaseUrl: string };
  /**
   * Serves a raw connection as if it had arrived on one of the emulator's ports: for a CONNECT
   * proxy in the same process that maps Google's real host names here (a client with fixed
   * endpoints, such as rclone), with no extra hop; TLS ends in the emulator as usual.
   */
  acceptConnection(socket: Socket, endpoint: 'api' | 'oauth' | 'uploads'): void;
  /** The fault injector (add rules at run time with `faults.add`). */
  faults: FaultInjector;
  /** Adds a fault rule. */
  inject(rule: FaultRuleInput): void;
  /** Changes settings (the §10 unknowns, quotas, throttle) while running. */
  configure(options: Partial<GooglePhotosEmulatorOptions>): void;
  /** Moves the emulator's clock forward (token expiry, quota days). */
  advanceClock(ms: number): void;
  /** A refresh token the fake token endpoint will honour. */
  issueRefreshToken(grant?: GrantInput): string;
  /** An access token valid for `ttlSeconds` (default: the configured lifetime). */
  issueAccessToken(grant?: GrantInput & { ttlSeconds?: number }): string;
  /** Revokes one refresh token, or all. */
  revokeRefreshTokens(token?: string): void;
  /** Expires every access token issued so far (the next call gets 401). */
  expireAccessTokens(): void;
  /** An album created by another project (invisible to, and not writable by, ours). */
  createForeignAlbum(title: string): string;
  /** Snapshot of the library, tokens, sessions and request counters. */
  inspect(): ReturnType<typeof inspectLibrary>;
  /** Library API requests counted today (Pacific), the daily limit and the next reset. */
  quotaToday(): QuotaDay;
  /** Requests per route so far (`gphotos.upload`, `gphotos.uploadChunk`, …). */
  requestCounts(): Record<string, number>;
  /** Zeroes the request counters. */
  resetRequestCounts(): void;
  /** Stops the server. */
  close(): Promise<void>;
}

/** Starts the Google Photos emulator on 127.0.0.1 (random port unless `port` is set). */
export async function startGooglePhotosEmulator(
  input: GooglePhotosEmulatorOptionsInput = {},
): Promise<GooglePhotosEmulator> {
  const {
    faults: rules = [],
    now: clock = Date.now,
    fileMetadata,
    tls: tlsOption,
    ...rest
  } = input;
  const options = GooglePhotosEmulatorOptionsSchema.parse(rest);
  let offset = 0;
  const now = () => clock() + offset;
  const ctx: EmulatorContext = {
    options,
    now,
    baseUrl: '',
    uploadBaseUrl: '',
    faults: new FaultInjector(rules, options.seed),
    auth: new AuthStore(now, () => ctx.options.accessTokenTtlSeconds),
    tokens: new UploadTokens(now, () => ctx.options.uploadTokenTtlMs),
    sessions: new Map(),
    library: new Library(),
    baseUrls: new BaseUrls(),
    quota: new QuotaCounter(now, () => ({
      daily: ctx.options.dailyQuota,
      writesPerMinute: ctx.options.writesPerMinute,
    })),
    counters: new Map(),
    writingUsers: new Set(),
    fileMetadata: fileMetadata ?? (() => undefined),
  };
  const handler = (req: Parameters<typeof route>[1], res: Parameters<typeof route>[2]) =>
    route(ctx, req, res);
  const { tls, dispose: disposeTls } = resolveSandboxTls(tlsOption);
  const serve = { tls: tls?.server };
  const server = await startHttpServer(handler, { port: options.port, ...serve });
  // Like Google's (oauth2.googleapis.com; upload URLs handed out, not built), the token
  // endpoint and the upload sessions answer on hosts of their own: a client must use the URLs
  // it is given, and a proxy log or an HTTP trace tells the four apart.
  const oauthServer = await startHttpServer(handler, serve);
  const uploadServer = await startHttpServer(handler, serve);
  ctx.baseUrl = server.url;
  ctx.uploadBaseUrl = uploadServer.url;
  const grantOf = (grant: GrantInput = {}) => ({
    clientId: grant.clientId ?? 'q2google-sandbox',
    scopes: grant.scopes ?? [GPHOTOS_SCOPES.appendonly, GPHOTOS_SCOPES.readonly],
    user: grant.user ?? DEFAULT_USER,
  });
  return {
    url: server.url,
    uploadUrl: uploadServer.url,
    tls,
    endpoints: {
      oauth2TokenUrl: `${oauthServer.url}/token`,
      oauth2AuthBaseUrl: `${oauthServer.url}/o/oauth2/v2/auth`,
    },
    acceptConnection: (socket, endpoint) =>
      ({ api: server, oauth: oauthServer, uploads: uploadServer })[endpoint].accept(socket),
    faults: ctx.faults,
    inject: (rule) => ctx.faults.add(rule),
    configure: (changes) => {
      ctx.options = GooglePhotosEmulatorOptionsSchema.parse({ ...ctx.options, ...changes });
    },
    advanceClock: (ms) => {
      offset += ms;
    },
    issueRefreshToken: (grant) => ctx.auth.issueRefreshToken(grantOf(grant)),
    issueAccessToken: (grant) => ctx.auth.issueAccessToken(grantOf(grant), grant?.ttlSeconds),
    revokeRefreshTokens: (token) => ctx.auth.revokeRefreshToken(token),
    expireAccessTokens: () => ctx.auth.expireAccessTokens(),
    createForeignAlbum: (title) => ctx.library.createAlbum(title, 'another-project').id,
    inspect: () => inspectLibrary(ctx),
    quotaToday: () => ctx.quota.day(ctx.options.dailyQuota),
    requestCounts: () => Object.fromEntries(ctx.counters),
    resetRequestCounts: () => ctx.counters.clear(),
    close: async () => {
      await Promise.all([server.close(), oauthServer.close(), uploadServer.close()]);
      disposeTls();
    },
  };
}
