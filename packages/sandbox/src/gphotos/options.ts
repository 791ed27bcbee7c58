import { z } from 'zod';
import type { FaultRuleInput } from '../shared/faults.js';
import type { SandboxTlsOption } from '../tls/sandbox-tls.js';
import type { FileMetadataReader } from './file-metadata.js';

/** Scope URIs the emulator understands (full form, as Google issues them). */
export const GPHOTOS_SCOPES = {
  appendonly: 'https://www.googleapis.com/auth/photoslibrary.appendonly',
  readonly: 'https://www.googleapis.com/auth/photoslibrary.readonly.appcreateddata',
  edit: 'https://www.googleapis.com/auth/photoslibrary.edit.appcreateddata',
} as const;

/**
 * Emulator settings. Every behaviour the spec marks as unknown (§10) is a switch here, so the
 * client can be tested under each plausible answer.
 */
export const GooglePhotosEmulatorOptionsSchema = z.object({
  /** Fixed port; random when absent. */
  port: z.number().int().nonnegative().optional(),
  /** Seed for fault probabilities and ids. */
  seed: z.number().int().default(1),
  /** Resumable chunk granularity in bytes (Google's docs show 256 KiB). */
  granularity: z.number().int().positive().default(262_144),
  maxPhotoBytes: z.number().int().positive().default(200_000_000),
  maxVideoBytes: z.number().int().positive().default(20_000_000_000),
  /** Upload token validity after the upload finished. */
  uploadTokenTtlMs: z
    .number()
    .int()
    .positive()
    .default(24 * 3_600_000),
  /** Lifetime of a resumable session URL (unknown for Photos; Street View documents 7 days). */
  sessionTtlMs: z
    .number()
    .int()
    .positive()
    .default(7 * 24 * 3_600_000),
  /** HTTP status for a wrong offset or a misaligned non-final chunk (unknown). */
  chunkErrorStatus: z.number().int().min(400).max(499).default(400),
  /** Content type of the upload-token body (unknown). */
  tokenContentType: z.string().default('text/plain; charset=UTF-8'),
  /** Same bytes → same media item (§4.5); not re-verified since 2025. */
  dedupByContent: z.boolean().default(true),
  /** What re-sending an already consumed upload token does (§10.3). */
  consumedTokenMode: z.enum(['same-item', 'exists', 'invalid']).default('same-item'),
  /** How an unknown or malformed token inside a batch fails (§10.2). */
  invalidTokenMode: z.enum(['whole-call', 'per-item']).default('whole-call'),
  /** HTTP status of a batchCreate where some items failed (§10.1). */
  partialSuccessStatus: z.union([z.literal(200), z.literal(207)]).default(200),
  /** Requests per project per Pacific day across the Library API. */
  dailyQuota: z.number().int().positive().default(10_000),
  /** Writes per user per minute (undocumented; unlimited unless set). */
  writesPerMinute: z.number().int().positive().optional(),
  /** Repeat the previous page's last item at the start of the next page (seen by rclone). */
  pageOverlap: z.boolean().default(false),
  /** Access-token lifetime issued by the fake token endpoint. */
  accessTokenTtlSeconds: z.number().int().positive().default(3_600),
  /** Scopes granted at consent; the requested scopes when absent. */
  grantedScopes: z.array(z.string()).optional(),
  /** The fake consent screen: redirect back at once with a code, or with `access_denied`. */
  consent: z.enum(['approve', 'deny']).default('approve'),
  /** When set, the token endpoint checks these client credentials. */
  clientId: z.string().optional(),
  clientSecret: z.string().optional(),
  /** Upload bandwidth per request body in bytes/s (unthrottled when absent). */
  uploadBytesPerSecond: z.number().positive().optional(),
  /** Lifetime of a media item's `baseUrl` (Google's live about an hour). */
  baseUrlTtlMs: z.number().int().positive().default(3_600_000),
  /** Project number shown in quota messages. */
  projectNumber: z.string().default('123456789012'),
  /**
   * Most items one album holds (Google: 20,000). What Google answers past it is undocumented:
   * the emulator refuses each further item of a batchCreate with a per-item status.
   */
  albumCapacity: z.number().int().positive().default(20_000),
});

/** Options accepted by `startGooglePhotosEmulator`. */
export type GooglePhotosEmulatorOptionsInput = z.input<typeof GooglePhotosEmulatorOptionsSchema> & {
  /** Faults to inject from the start (routes `gphotos.*`). */
  faults?: FaultRuleInput[];
  /** Clock in ms since the epoch; `Date.now` by default. `advanceClock` adds to it. */
  now?: () => number;
  /**
   * What the uploaded files' own metadata says (capture time, size in pixels), as Google
   * reads it; without it (or for an unknown file) `creationTime` is the upload time.
   */
  fileMetadata?: FileMetadataReader;
  /**
   * Serve HTTPS: the run's `createSandboxTls()` (shared with the GoPro emulator), or `true` for
   * a throwaway CA of this emulator's own. Plain HTTP when absent.
   */
  tls?: SandboxTlsOption;
};

/** Resolved emulator settings. */
export type GooglePhotosEmulatorOptions = z.infer<typeof GooglePhotosEmulatorOptionsSchema>;
