import type { SinkLimits, SinkRequestCosts } from '@q2google/core';

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

/**
 * What each call costs against the 10,000-a-day project quota (spec §6.2, §11 P2–P3): a small
 * file is one raw upload, a large one a resumable start plus one upload-and-finalize; one
 * batchCreate, one album create, one albums.list page (50 albums) per run; listing pages hold
 * 100 items. The quota resets at midnight Pacific. The sink replaces the upload threshold and
 * the reconciliation bound with its configured ones.
 */
export const GOOGLE_PHOTOS_REQUEST_COSTS: SinkRequestCosts = {
  simpleUploadMaxBytes: 32 * 1024 * 1024,
  simpleUpload: 1,
  resumableUpload: 2,
  createItems: 1,
  albumCreate: 1,
  albumLookup: 1,
  listPageSize: 100,
  reconcileMaxPages: 200,
  dailyRequests: 10_000,
  quotaTimeZone: 'America/Los_Angeles',
};
