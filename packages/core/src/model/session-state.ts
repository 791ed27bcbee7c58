import { z } from 'zod';
import { BatchStateSchema } from './batch-state.js';
import { ItemStateSchema } from './item-state.js';
import { IsoInstantSchema } from './media-unit.js';

/** The schema version this build writes. Older documents are migrated on load. */
export const CURRENT_SCHEMA_VERSION = 1;

/** A session id: letters, digits, `.`, `_`, `-`; safe as a file or key name. */
export const SessionIdSchema = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/,
    'a session id is 1–128 letters, digits, ".", "_" or "-", starting with a letter or digit',
  );

/** A capture-date range, both ends inclusive, as ISO instants. */
export const DateRangeSchema = z
  .object({ from: IsoInstantSchema, to: IsoInstantSchema })
  .refine((r) => Date.parse(r.from) <= Date.parse(r.to), {
    message: '"from" must not be after "to"',
  });
/** A value {@link DateRangeSchema} has validated (documented there). */
export type DateRange = z.infer<typeof DateRangeSchema>;

/** The options of a session that change its results; fixed when the session is created. */
export const SessionOptionsSchema = z.object({
  /** Title of the Google Photos album to add items to, or null for none. */
  album: z.string().min(1).max(500).nullable(),
  /** Source media types to include; empty means all supported types. */
  mediaTypes: z.array(z.string().min(1)),
  /** Source-specific choices (e.g. RAW handling), JSON values only. */
  source: z.record(z.string(), z.json()),
});
/** A value {@link SessionOptionsSchema} has validated (documented there). */
export type SessionOptions = z.infer<typeof SessionOptionsSchema>;

/** Discovery progress: the saved paging cursor lets a killed discovery continue. */
export const DiscoveryProgressSchema = z.object({
  status: z.enum(['pending', 'running', 'complete']),
  cursor: z.string().nullable(),
  unitsFound: z.number().int().nonnegative(),
  completedAt: IsoInstantSchema.optional(),
  /** What the source warned about while listing (e.g. items it may have missed), each once. */
  warnings: z.array(z.string()).optional(),
});
/** A value {@link DiscoveryProgressSchema} has validated (documented there). */
export type DiscoveryProgress = z.infer<typeof DiscoveryProgressSchema>;

/** One album a session sends units to: the title's `sequence`-th album (`Title (2)` is 2). */
export const AlbumUseSchema = z.object({
  id: z.string().min(1),
  title: z.string().min(1).max(500),
  sequence: z.number().int().positive(),
});
/** An album a session used (see {@link AlbumUseSchema}). */
export type AlbumUse = z.infer<typeof AlbumUseSchema>;

/** Everything about a session except its items and batches. */
export const SessionMetaSchema = z.object({
  schemaVersion: z.literal(CURRENT_SCHEMA_VERSION),
  id: SessionIdSchema,
  range: DateRangeSchema,
  options: SessionOptionsSchema,
  /** The Google Photos album id once it has been found or created. */
  albumId: z.string().nullable(),
  /** Every album the session has sent units to, in order (`Title`, `Title (2)`, …). */
  albums: z.array(AlbumUseSchema).optional(),
  discovery: DiscoveryProgressSchema,
  /** When Google's daily quota, used up by a run of this session, resets; no run before then. */
  quotaBlockedUntil: IsoInstantSchema.optional(),
  createdAt: IsoInstantSchema,
  updatedAt: IsoInstantSchema,
});
/** A value {@link SessionMetaSchema} has validated (documented there). */
export type SessionMeta = z.infer<typeof SessionMetaSchema>;

/** A whole session: its meta, every unit keyed by idempotency key, every batch keyed by id. */
export const SessionStateSchema = SessionMetaSchema.extend({
  items: z.record(z.string(), ItemStateSchema),
  batches: z.record(z.string(), BatchStateSchema),
});
/** A value {@link SessionStateSchema} has validated (documented there). */
export type SessionState = z.infer<typeof SessionStateSchema>;
