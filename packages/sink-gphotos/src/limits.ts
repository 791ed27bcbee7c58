import type { SinkLimits, SinkRequestQuota } from '@q2google/core';

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

/** Files up to this size are uploaded in one raw request by default (32 MiB). */
export const DEFAULT_RAW_UPLOAD_MAX_BYTES = 32 * 1024 * 1024;

/** Pages one reconciliation listing reads at most: 200 × 100 = a full 20,000-item album. */
export const DEFAULT_RECONCILE_MAX_PAGES = 200;

/** Library API requests Google gives one OAuth project a day, uploads included (spec §6.2). */
export const GOOGLE_DAILY_REQUESTS = 10_000;

/** Google's daily quotas reset at midnight in this time zone (spec §6.2). */
export const GOOGLE_QUOTA_TIME_ZONE = 'America/Los_Angeles';

/** The name the engine counts Google Photos requests under, in every state backend. */
export const GOOGLE_QUOTA_COUNTER = 'gphotos';

/** The configurable parts of {@link googleRequestQuota}; Google's defaults when absent. */
export interface GoogleRequestQuotaOptions {
  /** Requests q2google may spend a Pacific day, all runs together (default 10,000). */
  dailyBudget?: number;
  /** Largest new file sent in one raw request (default {@link DEFAULT_RAW_UPLOAD_MAX_BYTES}). */
  rawUploadMaxBytes?: number;
  /** Pages one lost answer's listing reads at most (default {@link DEFAULT_RECONCILE_MAX_PAGES}). */
  reconcileMaxPages?: number;
}

/**
 * Google's daily request quota, the sink's one declaration of it (spec §6.2, §11 P2–P3): the
 * engine keeps to `dailyBudget` requests a Pacific day (the user's share of the project's
 * 10,000) and the quota plan counts with the same costs: a new file up to `rawUploadMaxBytes`
 * is one raw request, a larger or resumed one two (start or offset query, then the rest in one
 * request); one batchCreate, one album create, one albums.list page (50 albums) per run; listing
 * pages hold 100 items, one request each.
 */
export function googleRequestQuota(options: GoogleRequestQuotaOptions = {}): SinkRequestQuota {
  return {
    counter: GOOGLE_QUOTA_COUNTER,
    timeZone: GOOGLE_QUOTA_TIME_ZONE,
    dailyBudget: options.dailyBudget ?? GOOGLE_DAILY_REQUESTS,
    costs: {
      simpleUploadMaxBytes: options.rawUploadMaxBytes ?? DEFAULT_RAW_UPLOAD_MAX_BYTES,
      simpleUpload: 1,
      resumableUpload: 2,
      createItems: 1,
      albumCreate: 1,
      albumLookup: 1,
      listPage: 1,
      listPageSize: 100,
      reconcileMaxPages: options.reconcileMaxPages ?? DEFAULT_RECONCILE_MAX_PAGES,
    },
  };
}
