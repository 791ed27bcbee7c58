import { z } from 'zod';

/** `google.rpc.Status`; `code` absent means OK (spec §4.2). */
export const RpcStatusSchema = z.looseObject({
  code: z.number().int().optional(),
  message: z.string().optional(),
});

/** A media item as the Library API returns it (only the fields q2google reads). */
export const MediaItemSchema = z.looseObject({
  id: z.string().min(1),
  productUrl: z.string().optional(),
  /** Link to the picture; lives about an hour. */
  baseUrl: z.string().optional(),
  mimeType: z.string().optional(),
  filename: z.string().optional(),
  description: z.string().optional(),
  mediaMetadata: z.looseObject({ creationTime: z.string().optional() }).optional(),
});
/** A value {@link MediaItemSchema} has validated (documented there). */
export type MediaItem = z.infer<typeof MediaItemSchema>;

/** `mediaItems.batchCreate` response. */
export const BatchCreateResponseSchema = z.looseObject({
  newMediaItemResults: z
    .array(
      z.looseObject({
        uploadToken: z.string().optional(),
        status: RpcStatusSchema.optional(),
        mediaItem: MediaItemSchema.optional(),
      }),
    )
    .default([]),
});
export type NewMediaItemResult = z.infer<
  typeof BatchCreateResponseSchema
>['newMediaItemResults'][number];

/** An album (only the fields q2google reads). */
export const AlbumSchema = z.looseObject({
  id: z.string().min(1),
  title: z.string().default(''),
  isWriteable: z.boolean().optional(),
  mediaItemsCount: z.string().optional(),
});

/** `albums.list` page. */
export const AlbumPageSchema = z.looseObject({
  albums: z.array(AlbumSchema).default([]),
  nextPageToken: z.string().optional(),
});

/** `mediaItems.list` / `mediaItems.search` page. */
export const MediaItemPageSchema = z.looseObject({
  mediaItems: z.array(MediaItemSchema).default([]),
  nextPageToken: z.string().optional(),
});
