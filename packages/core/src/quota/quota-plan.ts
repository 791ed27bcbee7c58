import type { SinkRequestQuota } from '../protocol/media-sink.js';
import { nextMidnight } from '../util/calendar-day.js';
import type { PlannedRequests, QuotaPlan } from './quota-plan-schema.js';
import { isSimpleUpload, uploadRequestsOf } from './request-costs.js';

/** The album the units go to, as far as the session knows it. */
export interface PlannedAlbum {
  /** Most items one album holds (the sink's `albumCapacity`); no limit when absent. */
  capacity?: number;
  /** True when the session already opened an album (the next run finds it, creates none). */
  opened: boolean;
  /** Items the session already placed in its current album. */
  filled: number;
}

/** What a session still has to do, in the quota plan's terms. */
export interface QuotaWork {
  /** Sizes (bytes) of the units still to upload. */
  uploadSizes: readonly number[];
  /** Units uploaded already that only need creating. */
  createOnly: number;
  /** Where the units go; absent when the session has no album. */
  album?: PlannedAlbum;
  /** Pages expected to settle batches whose answer was lost (0 on a fresh session). */
  listingPages?: number;
}

/** Everything {@link planQuota} reads; pure, so the CLI and the web app show the same plan. */
export interface QuotaPlanInput {
  work: QuotaWork;
  /** The sink's declared quota (`limits.requestQuota`): its costs, daily budget and time zone. */
  quota: SinkRequestQuota;
  /** Units per create call: the engine's batch size capped by the sink's `maxBatchSize`. */
  batchSize: number;
  /** Requests spent today before this session, when the state backend knows (0 otherwise). */
  spentToday?: number;
  now: Date;
}

/** How many units each album receives, current album first. */
function albumChunks(units: number, album: PlannedAlbum): { chunks: number[]; creates: number } {
  const capacity = album.capacity ?? Number.POSITIVE_INFINITY;
  const chunks: number[] = [];
  let left = units;
  let creates = 0;
  if (album.opened) {
    const room = Math.max(0, capacity - album.filled);
    const first = Math.min(left, room);
    if (first > 0) chunks.push(first);
    left -= first;
  }
  while (left > 0) {
    const next = Math.min(left, capacity);
    chunks.push(next);
    creates += 1;
    left -= next;
  }
  return { chunks, creates };
}

/** Days of quota `total` requests take when the first day has `firstDay` left. */
function daysFor(total: number, firstDay: number, perDay: number): number {
  if (total === 0) return 0;
  if (total <= firstDay) return 1;
  return 1 + Math.ceil((total - firstDay) / perDay);
}

/**
 * The requests a session will spend from the sink's daily quota (uploads by kind, create calls,
 * album calls, expected listing), the days that takes at the daily budget, and when the current
 * quota day ends. Counts assume no interruption; a retried or resumed upload costs more.
 */
export function planQuota(input: QuotaPlanInput): QuotaPlan {
  const { work, quota, now } = input;
  const { costs } = quota;
  const batchSize = Math.max(1, input.batchSize);
  const simple = { units: 0, requests: 0 };
  const resumable = { units: 0, requests: 0 };
  for (const size of work.uploadSizes) {
    const kind = isSimpleUpload(costs, size, false) ? simple : resumable;
    kind.units += 1;
    kind.requests += uploadRequestsOf(costs, size, false);
  }
  const toCreate = work.uploadSizes.length + work.createOnly;
  const placed = work.album
    ? albumChunks(toCreate, work.album)
    : { chunks: toCreate > 0 ? [toCreate] : [], creates: 0 };
  const createCalls = placed.chunks.reduce((n, chunk) => n + Math.ceil(chunk / batchSize), 0);
  const requests: PlannedRequests = {
    simpleUploads: simple,
    resumableUploads: resumable,
    createCalls: createCalls * costs.createItems,
    albumLookups: work.album && toCreate > 0 ? costs.albumLookup : 0,
    albumCreates: placed.creates * costs.albumCreate,
    listing: (work.listingPages ?? 0) * costs.listPage,
    total: 0,
  };
  requests.total =
    requests.simpleUploads.requests +
    requests.resumableUploads.requests +
    requests.createCalls +
    requests.albumLookups +
    requests.albumCreates +
    requests.listing;
  const { dailyBudget } = quota;
  const spentToday = input.spentToday ?? 0;
  return {
    requests,
    createOnlyUnits: work.createOnly,
    albums: work.album ? placed.chunks.length : 0,
    dailyBudget,
    spentToday,
    days: daysFor(requests.total, Math.max(0, dailyBudget - spentToday), dailyBudget),
    firstResetAt: nextMidnight(now.getTime(), quota.timeZone).toISOString(),
    timeZone: quota.timeZone,
    reconcileMaxPagesPerLostAnswer: costs.reconcileMaxPages,
  };
}
