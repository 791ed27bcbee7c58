import { z } from 'zod';

/** One item of `/media/search` (spec §2.4): any field may be null; unknown keys are kept. */
export const SearchItemSchema = z.looseObject({
  id: z.string().min(1),
  filename: z.string().nullish(),
  file_extension: z.string().nullish(),
  type: z.string().nullish(),
  captured_at: z.string().nullish(),
  created_at: z.string().nullish(),
  file_size: z.number().int().nonnegative().nullish(),
  item_count: z.number().int().nullish(),
  ready_to_view: z.string().nullish(),
});
/** A value {@link SearchItemSchema} has validated (documented there). */
export type SearchItem = z.infer<typeof SearchItemSchema>;

/** The `/media/search` response (spec §2.3). */
export const SearchResponseSchema = z.looseObject({
  _pages: z.looseObject({
    current_page: z.number().int(),
    per_page: z.number().int(),
    total_items: z.number().int().nonnegative(),
    total_pages: z.number().int().nonnegative(),
  }),
  _embedded: z.looseObject({ media: z.array(SearchItemSchema) }),
});
/** A value {@link SearchResponseSchema} has validated (documented there). */
export type SearchResponse = z.infer<typeof SearchResponseSchema>;

/** A `files[]`, `variations[]` or `sidecar_files[]` entry of a download descriptor (§3.1). */
export const DescriptorEntrySchema = z.looseObject({
  url: z.string().min(1),
  head: z.string().nullish(),
  label: z.string().nullish(),
  type: z.string().nullish(),
  item_number: z.number().int().nullish(),
  available: z.boolean().nullish(),
});
/** A value {@link DescriptorEntrySchema} has validated (documented there). */
export type DescriptorEntry = z.infer<typeof DescriptorEntrySchema>;

/** The `/media/{id}/download` response (spec §3.1). */
export const DownloadDescriptorSchema = z.looseObject({
  filename: z.string().nullish(),
  _embedded: z.looseObject({
    files: z.array(DescriptorEntrySchema).default([]),
    variations: z.array(DescriptorEntrySchema).default([]),
    sidecar_files: z.array(DescriptorEntrySchema).default([]),
  }),
});
/** A value {@link DownloadDescriptorSchema} has validated (documented there). */
export type DownloadDescriptor = z.infer<typeof DownloadDescriptorSchema>;

/** `GET /media/user` (spec §2.7). */
export const UserSchema = z.looseObject({ id: z.string().min(1) });

/** A successful `/v1/oauth2/token` answer (spec §1.3); a refresh may omit `refresh_token`. */
export const TokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).nullish(),
  expires_in: z.number().nonnegative().nullish(),
  resource_owner_id: z.string().min(1).nullish(),
});
/** A value {@link TokenResponseSchema} has validated (documented there). */
export type TokenResponse = z.infer<typeof TokenResponseSchema>;

/** An OAuth2 error body. */
export const OAuthErrorSchema = z.looseObject({
  error: z.string().optional(),
  error_description: z.string().optional(),
});
