import type { SinkLimits } from '@q2google/core';

/** Google Photos' fixed limits (spec §4.1, §4.5, §6.1), read by the engine through the port. */
export const GOOGLE_PHOTOS_LIMITS: SinkLimits = {
  maxBatchSize: 50,
  uploadTokenTtlMs: 24 * 3_600_000,
  /** Tokens this close to expiry are refused rather than risk expiring during the call. */
  uploadTokenMinRemainingMs: 30 * 60_000,
  maxPhotoBytes: 200_000_000,
  maxVideoBytes: 20_000_000_000,
};
