import { z } from 'zod';

/** The kinds of media the emulated library can hold. */
export const EmulatedKindSchema = z.enum([
  'photo',
  'raw-photo',
  'video',
  'chaptered-video',
  'burst',
  'timelapse-video',
  'edit',
  'max360',
]);
/** A value {@link EmulatedKindSchema} has validated (documented there). */
export type EmulatedKind = z.infer<typeof EmulatedKindSchema>;

const SizeRangeSchema = z
  .tuple([z.number().int().nonnegative(), z.number().int().nonnegative()])
  .refine(([min, max]) => min <= max, { message: 'sizeRange is [min, max] with min <= max' });

/**
 * An explicit group of items: `count` items of `kind`. `size` (or a random size in `sizeRange`)
 * is the size of EACH physical file: each chapter, each frame, the JPEG of a photo.
 */
export const ItemSpecSchema = z.object({
  kind: EmulatedKindSchema,
  count: z.number().int().positive().default(1),
  size: z.number().int().nonnegative().optional(),
  sizeRange: SizeRangeSchema.optional(),
  /** Chapters of a chaptered video (default 3) or frames of a burst (default 6). */
  parts: z.number().int().positive().optional(),
  /** Capture time of the first item (later ones are one minute apart); random otherwise. */
  capturedAt: z.iso.datetime().optional(),
  /** The listed `filename`; a camera-style name otherwise. */
  filename: z.string().optional(),
  /** The processing state (`ready_to_view`), `ready` by default. */
  readyToView: z.string().default('ready'),
  /** Report `file_size` this many bytes larger than what the CDN serves. */
  staleBytes: z.number().int().nonnegative().default(0),
  /** For `max360`: whether a flat rendered MP4 variation exists (default true). */
  rendered: z.boolean().default(true),
  /**
   * An internal "export" render (made by the apps' share/export, spec §7 G1): listed only when a
   * search does not send `xcomposition=export`; a correct client never transfers it.
   */
  exportRender: z.boolean().default(false),
  /**
   * For `edit`: the render has no `baked_source` variation and is served as the first `files[]`
   * entry instead (spec §7 G5).
   */
  renderInFiles: z.boolean().default(false),
});
/** A value {@link ItemSpecSchema} has validated (documented there). */
export type ItemSpec = z.infer<typeof ItemSpecSchema>;
/** What {@link ItemSpecSchema} accepts, before its defaults apply (documented there). */
export type ItemSpecInput = z.input<typeof ItemSpecSchema>;

/** Relative weights of the kinds of extra items. */
export const KindMixSchema = z.partialRecord(EmulatedKindSchema, z.number().nonnegative());

/** What the emulated library contains. Deterministic for a given seed. */
export const LibraryOptionsSchema = z.object({
  /** Include the fixed fixtures of spec §5 (one of each kind, a transcoding item, a name clash). */
  fixtures: z.boolean().default(true),
  /** Number of extra random items spread over [from, to]. */
  extra: z.number().int().nonnegative().default(0),
  /** Kind weights of the extra items. */
  mix: KindMixSchema.default({ photo: 6, video: 3, 'chaptered-video': 0.5, burst: 0.5 }),
  /** Size range of each physical file of the extra items, in bytes. */
  sizeRange: SizeRangeSchema.default([20_000, 400_000]),
  from: z.iso.datetime().default('2024-01-01T00:00:00.000Z'),
  to: z.iso.datetime().default('2025-12-31T23:59:59.000Z'),
  /** Explicit groups, e.g. `{ kind: 'video', count: 4, size: 2 * 1024 ** 3 }`. */
  items: z.array(ItemSpecSchema).default([]),
});
/** A value {@link LibraryOptionsSchema} has validated (documented there). */
export type LibraryOptions = z.infer<typeof LibraryOptionsSchema>;
/** What {@link LibraryOptionsSchema} accepts, before its defaults apply (documented there). */
export type LibraryOptionsInput = z.input<typeof LibraryOptionsSchema>;
