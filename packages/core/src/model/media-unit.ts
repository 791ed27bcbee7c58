import { z } from 'zod';

/** An ISO-8601 instant in UTC, e.g. `2025-07-14T09:12:33.000Z`. */
export const IsoInstantSchema = z.iso.datetime({ offset: true });

/** Whether a unit is shown as a photo or a video in Google Photos. */
export const MediaKindSchema = z.enum(['photo', 'video']);
/** A value {@link MediaKindSchema} has validated (documented there). */
export type MediaKind = z.infer<typeof MediaKindSchema>;

/** Why a unit is not transferred. Decided up front, recorded with the unit. */
export const SkipReasonSchema = z.enum([
  'unsupported-type',
  'too-large',
  'already-synced',
  'not-ready',
  'empty-file',
  'excluded',
]);
/** A value {@link SkipReasonSchema} has validated (documented there). */
export type SkipReason = z.infer<typeof SkipReasonSchema>;

/** A skip decision: the reason code plus a human sentence. */
export const SkipSchema = z.object({ reason: SkipReasonSchema, detail: z.string() });
/** A value {@link SkipSchema} has validated (documented there). */
export type Skip = z.infer<typeof SkipSchema>;

/**
 * One transferable file as a media source reports it: a photo, one chapter of a video,
 * one frame of a burst, the RAW or JPEG half of a RAW photo, the render of an edit.
 */
export const MediaUnitSchema = z.object({
  /** Stable idempotency key, unique across the whole source library (media id + part). */
  key: z.string().min(1).max(512),
  /** The source's id of the media item this unit belongs to. */
  mediaId: z.string().min(1),
  /** Which file of the media item (e.g. `source`, `chapter-2`, `frame-3`, `raw`). */
  part: z.string(),
  /** The file name to give the item in Google Photos; unique per unit. */
  fileName: z.string().min(1).max(255),
  mimeType: z.string().min(1),
  kind: MediaKindSchema,
  /** Size in bytes as the source reports it; null when unknown. The served size wins. */
  size: z.number().int().nonnegative().nullable(),
  capturedAt: IsoInstantSchema,
  /** The source's own type name (e.g. GoPro's `Video`, `Burst`). */
  sourceType: z.string().optional(),
  /** Set when the source already knows the unit must not be transferred. */
  skip: SkipSchema.optional(),
});
/** A value {@link MediaUnitSchema} has validated (documented there). */
export type MediaUnit = z.infer<typeof MediaUnitSchema>;
