import { ContentGenerator } from '../shared/content.js';
import { FaultInjector, type FaultRuleInput } from '../shared/faults.js';
import { startHttpServer } from '../shared/http-server.js';
import { hashString } from '../shared/random.js';
import { resolveSandboxTls, type SandboxServerTls } from '../tls/sandbox-tls.js';
import { createApiHandler } from './api-server.js';
import { createCdnHandler } from './cdn-server.js';
import { createEmulatorClock } from './clock.js';
import type { GoProContext } from './context.js';
import {
  type ExpectedUnit,
  expectedBytes,
  expectedSha256,
  expectedUnits,
} from './expected-units.js';
import { GoProLibrary } from './library.js';
import {
  type GoProAuthOptions,
  type GoProCdnOptions,
  type GoProEmulatorOptionsInput,
  GoProEmulatorOptionsSchema,
  type GoProSearchOptions,
} from './options.js';
import { UrlSigner } from './signed-urls.js';
import { TokenRegistry } from './tokens.js';

/** A running GoPro cloud emulator and its in-process control API. */
export interface GoProEmulator {
  /** Base URL of the API (`api.gopro.com` stand-in), e.g. `http://127.0.0.1:41234`. */
  apiUrl: string;
  /** Base URL of the CDN (a separate origin). */
  cdnUrl: string;
  /** The TLS the servers use (`undefined`: plain HTTP); clients trust `tls.caFile`. */
  tls: SandboxServerTls | undefined;
  /** The sandbox account: login, user id and the OAuth client constants. */
  account: {
    email: string;
    password: string;
    userId: string;
    clientId: string;
    clientSecret: string;
  };
  library: GoProLibrary;
  faults: FaultInjector;
  /** Adds a fault rule (shorthand for `faults.add`). */
  addFault(rule: FaultRuleInput): void;
  /** Issues an access token as a browser login would (the pasted `gp_access_token` case). */
  issueAccessToken(ttlSeconds?: number | null): string;
  /** Revokes one token, or every access token when none is given: later calls get 401. */
  revokeTokens(token?: string): void;
  /** Revokes every refresh token (the refresh grant then answers `token_blacklisted`). */
  blacklistRefreshTokens(): void;
  /** Invalidates every signed URL issued so far (403 from the CDN). */
  expireSignedUrls(): void;
  /** Ends the signing session of every URL issued so far (400 `ExpiredToken` from the CDN). */
  endSigningSessions(): void;
  /** Moves the emulator's clock forward (tokens and signed URLs expire). */
  advanceClock(ms: number): void;
  /** The emulator's clock, in milliseconds. */
  now(): number;
  /** Changes behaviour at run time (strict auth modes, search quirks, CDN settings). */
  configure(change: {
    auth?: Partial<GoProAuthOptions>;
    search?: Partial<GoProSearchOptions>;
    cdn?: Partial<GoProCdnOptions>;
  }): void;
  /** Requests seen for `route` (`gopro.search`, `gopro.download`, `cdn.get`, …). */
  requestCount(route: string): number;
  /** Every route's request count. */
  requestCounts(): Record<string, number>;
  /** Sets every request count back to zero. */
  resetCounters(): void;
  /** The last CDN requests (method, path, Range header, whether Authorization was sent). */
  cdnLog(): readonly {
    method: string;
    path: string;
    range: string | null;
    authorization: boolean;
  }[];
  /** Every original a correct client transfers (or those of one item). */
  expectedUnits(mediaId?: string): ExpectedUnit[];
  /** SHA-256 (hex) of one original's served bytes. */
  expectedSha256(mediaId: string, part: string): string;
  /** One original's served bytes in [start, end). */
  expectedBytes(mediaId: string, part: string, start?: number, end?: number): Iterable<Uint8Array>;
  /** Stops the API and CDN servers. */
  close(): Promise<void>;
}

/** Starts the GoPro API and CDN emulators on 127.0.0.1. */
export async function startGoProEmulator(
  input: GoProEmulatorOptionsInput = {},
): Promise<GoProEmulator> {
  const { now, tls: tlsOption, ...rest } = input;
  const options = GoProEmulatorOptionsSchema.parse(rest);
  const clock = createEmulatorClock(now);
  // 64-hex client constants like the web app's, derived from the seed.
  const secret = (salt: string) =>
    Array.from({ length: 8 }, (_, i) =>
      hashString(`${salt}:${options.seed}:${i}`).toString(16).padStart(8, '0'),
    ).join('');
  const ctx: GoProContext = {
    options,
    library: new GoProLibrary(options.seed, options.library),
    tokens: new TokenRegistry(clock.now),
    signer: new UrlSigner(clock.now, options.cdn.urlTtlSeconds, options.cdn.signingSessionSeconds),
    content: new ContentGenerator(options.seed),
    faults: new FaultInjector(options.faults, options.seed),
    clock,
    counters: new Map(),
    cdnLog: [],
    cdnBase: '',
    clientId: secret('client-id'),
    clientSecret: secret('client-secret'),
  };
  const { tls, dispose: disposeTls } = resolveSandboxTls(tlsOption);
  const cdn = await startHttpServer(createCdnHandler(ctx), {
    port: options.cdnPort,
    tls: tls?.server,
  });
  ctx.cdnBase = cdn.url;
  const api = await startHttpServer(createApiHandler(ctx), {
    port: options.port,
    tls: tls?.server,
  });
  return {
    apiUrl: api.url,
    cdnUrl: cdn.url,
    tls,
    account: {
      email: options.auth.email,
      password: options.auth.password,
      userId: ctx.library.ownerId,
      clientId: ctx.clientId,
      clientSecret: ctx.clientSecret,
    },
    library: ctx.library,
    faults: ctx.faults,
    addFault: (rule) => ctx.faults.add(rule),
    issueAccessToken: (ttl) =>
      ctx.tokens.issue(
        'access',
        ctx.library.ownerId,
        ttl === undefined ? options.auth.accessTokenTtlSeconds : ttl,
      ),
    revokeTokens: (token) => {
      if (token === undefined) ctx.tokens.revokeAll('access');
      else ctx.tokens.revoke(token);
    },
    blacklistRefreshTokens: () => void ctx.tokens.revokeAll('refresh'),
    expireSignedUrls: () => ctx.signer.expireAll(),
    endSigningSessions: () => ctx.signer.endSession(),
    advanceClock: (ms) => clock.advance(ms),
    now: () => clock.now(),
    configure: (change) => {
      Object.assign(ctx.options.auth, change.auth);
      Object.assign(ctx.options.search, change.search);
      Object.assign(ctx.options.cdn, change.cdn);
      ctx.signer.ttlSeconds = ctx.options.cdn.urlTtlSeconds;
      ctx.signer.sessionSeconds = ctx.options.cdn.signingSessionSeconds;
    },
    requestCount: (route) => ctx.counters.get(route) ?? 0,
    requestCounts: () => Object.fromEntries(ctx.counters),
    resetCounters: () => ctx.counters.clear(),
    cdnLog: () => ctx.cdnLog,
    expectedUnits: (mediaId) => expectedUnits(ctx, mediaId),
    expectedSha256: (mediaId, part) => expectedSha256(ctx, mediaId, part),
    expectedBytes: (mediaId, part, start, end) => expectedBytes(ctx, mediaId, part, start, end),
    close: async () => {
      await Promise.all([api.close(), cdn.close()]);
      disposeTls();
    },
  };
}
