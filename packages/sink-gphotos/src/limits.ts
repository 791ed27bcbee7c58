import type { SinkLimits, SinkRequestCosts, SinkRequestQuota } from '@q2google/core';

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

/** Files up to this size are uploaded in one raw request by default (32 MiB). */
export const DEFAULT_RAW_UPLOAD_MAX_BYTES = 32 * 1024 * 1024;

/** Library API requests Google gives one OAuth project a day, uploads included (spec §6.2). */
export const GOOGLE_DAILY_REQUESTS = 10_000;

/** Google's daily quotas reset at midnight in this time zone (spec §6.2). */
export const GOOGLE_QUOTA_TIME_ZONE = 'America/Los_Angeles';

/** The name the engine counts Google Photos requests under, in every state backend. */
export const GOOGLE_QUOTA_COUNTER = 'gphotos';

/**
 * Google's daily request quota as the engine keeps to it: `dailyBudget` requests a Pacific day
 * (the user's share of the project's 10,000); a new upload up to `rawUploadMaxBytes` is one
 * raw request, a larger or resumed one two (start or offset query, then the rest in one request;
 * spec §11 P3).
 */
export function googleRequestQuota(
  dailyBudget: number,
  rawUploadMaxBytes = DEFAULT_RAW_UPLOAD_MAX_BYTES,
): SinkRequestQuota {
  return {
    counter: GOOGLE_QUOTA_COUNTER,
    timeZone: GOOGLE_QUOTA_TIME_ZONE,
    dailyBudget,
    uploadRequests: (size, resuming) => (size <= rawUploadMaxBytes && !resuming ? 1 : 2),
  };
}
