import type { SinkLimits } from '@q2google/core';

/** Google Photos' fixed limits (spec §4.1, §4.5, §6.1), read by the engine through the port. */
export const GOOGLE_PHOTOS_LIMITS: SinkLimits = {
  maxBatchSize: 50,
  uploadTokenTtlMs: 24 * 3_600_000,
  /** Tokens this close to expiry are refused rather than risk expiring during the call. */
  uploadTokenMinRemainingMs: 30 * 60_000,
  maxPhotoBytes: 200_000_000,
  maxVideoBytes: 20_000_000_000,
  /** An album holds at most 20,000 media items (spec §4.1, §11 P1). */
  albumCapacity: 20_000,
};

/** The most items Google Photos puts in one album; `albumCapacity` may only be smaller. */
export const MAX_ALBUM_CAPACITY = 20_000;
