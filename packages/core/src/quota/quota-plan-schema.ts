import { z } from 'zod';

const count = z.number().int().nonnegative();

/** Units of one upload kind and the requests they spend. */
export const PlannedUploadsSchema = z.object({
  units: count,
  requests: count,
});

/** The requests a session will spend, by category (see {@link QuotaPlanSchema}). */
export const PlannedRequestsSchema = z.object({
  /** Files up to the sink's simple-upload size: one request each. */
  simpleUploads: PlannedUploadsSchema,
  /** Larger files: the sink's resumable upload (start + one upload-and-finalize). */
  resumableUploads: PlannedUploadsSchema,
  /** `createItems` (batchCreate) calls, at most the batch size each. */
  createCalls: count,
  /** Finding the session's album among the app's albums, once per run. */
  albumLookups: count,
  /** Albums created: the title, then `Title (2)`, … when one fills up. */
  albumCreates: count,
  /** Listing expected to settle batches whose answer was lost (0 on a fresh session). */
  listing: count,
  total: count,
});

/** What one session will spend from the sink's daily request quota, and how many days that takes. */
export const QuotaPlanSchema = z.object({
  requests: PlannedRequestsSchema,
  /** Units that only need creating (already uploaded). */
  createOnlyUnits: count,
  /** Albums the units fill (0 without an album). */
  albums: count,
  /** The requests the quota allows per day (the configured budget). */
  dailyBudget: z.number().int().positive(),
  /** Requests already spent today, when known (the first day has only the rest). */
  spentToday: count,
  /** Days of quota the session needs (0 when there is nothing to do). */
  days: count,
  /** When the current quota day ends (ISO instant): midnight in `timeZone`. */
  firstResetAt: z.iso.datetime({ offset: true }),
  /** The quota's time zone (IANA), e.g. `America/Los_Angeles`. */
  timeZone: z.string().min(1),
  /** Pages one lost answer's reconciliation may list at most (its bound). */
  reconcileMaxPagesPerLostAnswer: count,
});

/** The quota plan of a session (see {@link QuotaPlanSchema}). */
export type QuotaPlan = z.infer<typeof QuotaPlanSchema>;
/** Planned requests by category. */
export type PlannedRequests = z.infer<typeof PlannedRequestsSchema>;
