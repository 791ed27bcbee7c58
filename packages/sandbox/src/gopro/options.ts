import { z } from 'zod';
import { FaultRuleSchema } from '../shared/faults.js';
import type { SandboxTlsOption } from '../tls/sandbox-tls.js';
import { LibraryOptionsSchema } from './library-spec.js';

/** Authentication behaviour; the strict modes reproduce reported-but-unconfirmed server rules. */
export const GoProAuthOptionsSchema = z.object({
  email: z.string().default('user@example.com'),
  password: z.string().default('sandbox-password'),
  /** Lifetime of issued access tokens (`expires_in`). */
  accessTokenTtlSeconds: z.number().int().positive().default(86_400),
  /** Reject calls that do not carry the `gp_access_token` cookie (Bearer alone is not enough). */
  requireCookie: z.boolean().default(false),
  /** Reject calls whose `gp_user_id` cookie is missing or not the token's user. */
  requireUserIdCookie: z.boolean().default(false),
  /** Answer 500 (not 401) to a call with an Origin/Referer other than plus.gopro.com. */
  rejectWrongOrigin: z.boolean().default(false),
  /** The account has two-factor auth: the password grant needs `two_factor_code`. */
  twoFactor: z.boolean().default(false),
  twoFactorCode: z.string().default('123456'),
  /** The refresh grant answers without a new `refresh_token` (the client keeps the old one). */
  refreshOmitsRefreshToken: z.boolean().default(false),
  /** HTTP status of OAuth errors other than invalid_client ([?] in the spec: 400 or 401). */
  oauthErrorStatus: z.union([z.literal(400), z.literal(401)]).default(400),
});

/** Search behaviour for the [?] points of spec §2.2. */
export const GoProSearchOptionsSchema = z.object({
  /** `per_page` used when the parameter is absent. */
  defaultPerPage: z.number().int().positive().default(30),
  /** Largest `per_page` honoured (echoed back clamped); null = no limit. */
  maxPerPage: z.number().int().positive().nullable().default(null),
  /** What `page` < 1 gives: an empty page or a 400. */
  pageBelowOne: z.enum(['empty', 'error']).default('empty'),
  /** Whether the end of `captured_range` is inclusive. */
  capturedRangeEnd: z.enum(['inclusive', 'exclusive']).default('inclusive'),
  /** Keys returned whatever `fields` asks for. */
  alwaysFields: z.array(z.string()).default(['id', 'gopro_user_id', 'source_gumi', 'source_mgumi']),
});

/** CDN and descriptor behaviour. */
export const GoProCdnOptionsSchema = z.object({
  /** Lifetime of signed URLs (`X-Amz-Expires`). */
  urlTtlSeconds: z.number().int().positive().default(3600),
  /**
   * Lifetime of the signing session (temporary STS credentials): a URL used after its session
   * ended gets 400 `ExpiredToken` even within `X-Amz-Expires` (spec §7 G3). Null = never first.
   */
  signingSessionSeconds: z.number().int().positive().nullable().default(null),
  /** Per-connection bandwidth limit in bytes/s; null = unthrottled. */
  bandwidthBytesPerSecond: z.number().int().positive().nullable().default(null),
  /** Where a RAW photo's `raw_photo` entry is listed ([?] in the spec). */
  rawLocation: z.enum(['variations', 'sidecar_files']).default('variations'),
  /** Offer a derived `concat` variation on chaptered videos (a client must never pick it). */
  includeConcat: z.boolean().default(true),
  /** Zip member names with lower-case extensions (names may differ in case from the API). */
  zipLowercaseExtensions: z.boolean().default(false),
});

/** Everything `startGoProEmulator` accepts. */
export const GoProEmulatorOptionsSchema = z.object({
  seed: z.number().int().default(1),
  /** Port of the API server; random when absent. */
  port: z.number().int().nonnegative().optional(),
  /** Port of the CDN server; random when absent. */
  cdnPort: z.number().int().nonnegative().optional(),
  library: LibraryOptionsSchema.default(LibraryOptionsSchema.parse({})),
  auth: GoProAuthOptionsSchema.default(GoProAuthOptionsSchema.parse({})),
  search: GoProSearchOptionsSchema.default(GoProSearchOptionsSchema.parse({})),
  cdn: GoProCdnOptionsSchema.default(GoProCdnOptionsSchema.parse({})),
  faults: z.array(FaultRuleSchema).default([]),
});
/** A value {@link GoProEmulatorOptionsSchema} has validated (documented there). */
export type GoProEmulatorOptions = z.infer<typeof GoProEmulatorOptionsSchema>;
/** What `startGoProEmulator` accepts: {@link GoProEmulatorOptionsSchema}'s input plus a clock. */
export type GoProEmulatorOptionsInput = z.input<typeof GoProEmulatorOptionsSchema> & {
  /** The base clock (milliseconds); the real clock by default. */
  now?: () => number;
  /**
   * Serve HTTPS (API and CDN): the run's `createSandboxTls()` (shared with the Google
   * emulator), or `true` for a throwaway CA of this emulator's own. Plain HTTP when absent.
   */
  tls?: SandboxTlsOption;
};
/** A value {@link GoProAuthOptionsSchema} has validated (documented there). */
export type GoProAuthOptions = z.infer<typeof GoProAuthOptionsSchema>;
/** A value {@link GoProSearchOptionsSchema} has validated (documented there). */
export type GoProSearchOptions = z.infer<typeof GoProSearchOptionsSchema>;
/** A value {@link GoProCdnOptionsSchema} has validated (documented there). */
export type GoProCdnOptions = z.infer<typeof GoProCdnOptionsSchema>;
