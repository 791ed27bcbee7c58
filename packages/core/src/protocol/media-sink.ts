/**
 * The media-sink port: where media goes (Google Photos in production).
 * Uploading bytes yields an upload token; `createItems` turns tokens into library items in
 * batches; `listCreatedItems` lets the engine reconcile a batch whose response was lost.
 */
import type { BatchItemResult } from '../model/batch-state.js';
import type { UploadProgress } from '../model/item-state.js';

/** What `listCreatedItems` lists: one album or the whole app library, and how many pages at most. */
export interface CreatedItemsScope {
  /** Only the items of this app-created album. */
  albumId?: string;
  /** Read at most this many pages (the sink's configured bound when absent). */
  maxPages?: number;
}

/**
 * A daily request quota the sink's service counts (Google Photos: 10,000 Library API requests a
 * day per OAuth project, reset at midnight America/Los_Angeles), declared once by the sink and
 * read twice: the engine counts every request the sink reports through `MediaSink.onRequest`
 * per calendar day of `timeZone` (in the state backend when it can, capability
 * `requestCounts`) and stops a run cleanly before it would spend more than `dailyBudget` in one
 * day, reserving what each call `costs`; the quota plan predicts a session's requests from the
 * same `costs` and its days from the same budget. The sink owns the numbers (its settings).
 */
export interface SinkRequestQuota {
  /** The counter's name; sinks spending one quota share it (e.g. `gphotos`). */
  counter: string;
  /** IANA time zone whose midnight resets the quota. */
  timeZone: string;
  /** Most requests q2google may spend in one such day, all runs and sessions together. */
  dailyBudget: number;
  /** What each sink call costs against the quota (see {@link SinkRequestCosts}). */
  costs: SinkRequestCosts;
}

/**
 * The requests each sink call spends against the sink's daily quota when nothing fails, as
 * the sink declares them; read by the engine's budget (its reservations) and the quota plan.
 */
export interface SinkRequestCosts {
  /** New files up to this many bytes go in one simple upload; larger ones use the resumable kind. */
  simpleUploadMaxBytes: number;
  /** Requests of one simple upload. */
  simpleUpload: number;
  /**
   * Requests of one resumable upload that nothing interrupts, and of one that continues a
   * recorded upload session (Google: its start or offset query, then the put of the rest).
   */
  resumableUpload: number;
  /** Requests of one `createItems` call. */
  createItems: number;
  /** Requests of one album creation. */
  albumCreate: number;
  /** Requests the first `ensureAlbum` of a run spends finding the app's albums (one page). */
  albumLookup: number;
  /** Requests of one page of `listCreatedItems`. */
  listPage: number;
  /** Items per page of `listCreatedItems`. */
  listPageSize: number;
  /** Pages one lost answer's reconciliation lists at most. */
  reconcileMaxPages: number;
}

/** The sink's fixed limits, read by the engine to plan skips and batches. */
export interface SinkLimits {
  /** Most items in one `createItems` call (50 for Google Photos). */
  maxBatchSize: number;
  /** How long an upload token stays usable after the upload finished. */
  uploadTokenTtlMs: number;
  /**
   * The least time an upload token must have left for `createItems` to accept it; a token
   * closer to expiry is refused (`reupload`). The engine uploads such units again instead of
   * sending them.
   */
  uploadTokenMinRemainingMs: number;
  /** Largest photo and video the sink accepts, in bytes. */
  maxPhotoBytes: number;
  maxVideoBytes: number;
  /**
   * Most items one album holds (20,000 for Google Photos); no limit when absent. The engine
   * never sends a unit into a full album: it continues into `Title (2)`, `Title (3)`, ….
   */
  albumCapacity?: number;
  /** The daily request quota the engine keeps to and the quota plan reads; neither when absent. */
  requestQuota?: SinkRequestQuota;
}

/** One upload, resumable from a recorded session. */
export interface UploadRequest {
  fileName: string;
  mimeType: string;
  /** Exact number of bytes the upload will carry. */
  size: number;
  /** Opens the unit's bytes from `offset` (the sink resumes from the offset it confirms). */
  open(offset: number, signal?: AbortSignal): Promise<AsyncIterable<Uint8Array>>;
  /** A resumable session recorded by an earlier run, to continue instead of starting anew. */
  resume?: UploadProgress;
  /** Called when a resumable session starts and each time the sink confirms more bytes. */
  onProgress?(progress: UploadProgress): Promise<void> | void;
  /** Called as bytes are sent (not yet confirmed), for progress display. */
  onBytesSent?(bytes: number): void;
  signal?: AbortSignal;
}

/** A finished upload: the token that `createItems` consumes. */
export interface UploadResult {
  uploadToken: string;
  uploadedAt: string;
  expiresAt: string;
}

/** One item to create from an uploaded token. */
export interface NewMediaItem {
  /** The unit key, echoed in the result. */
  key: string;
  uploadToken: string;
  fileName: string;
  /** The unit's capture time (ISO instant), to recognise the item when its result is lost. */
  capturedAt?: string;
  mimeType?: string;
  description?: string;
  /** When the upload token stops being valid (ISO instant); the sink refuses it past then. */
  tokenExpiresAt?: string;
}

/** The outcome for one item of a `createItems` call, in request order. */
export type CreateItemResult = BatchItemResult & {
  key: string;
  /** True when the token is invalid or expired, so the bytes must be uploaded again. */
  reupload?: boolean;
};

/** An item this app created, as the sink lists it for reconciliation. */
export interface CreatedMediaItem {
  id: string;
  fileName: string;
  productUrl?: string;
  description?: string;
  /** Capture time Google read from the file's metadata (ISO instant), when it says. */
  creationTime?: string;
  mimeType?: string;
}

/** An app-created album; `itemCount` is how many items it holds now, when the sink knows. */
export interface SinkAlbum {
  id: string;
  title: string;
  itemCount?: number;
}

/** The media-sink port. */
export interface MediaSink {
  /** Short name for messages, e.g. `gphotos`. */
  readonly name: string;
  readonly limits: SinkLimits;
  /** Uploads bytes and returns the upload token. */
  upload(request: UploadRequest): Promise<UploadResult>;
  /** Creates up to `limits.maxBatchSize` items, optionally in an album; one result per item. */
  createItems(
    items: NewMediaItem[],
    options?: { albumId?: string | null; signal?: AbortSignal },
  ): Promise<CreateItemResult[]>;
  /** The id of the app-created album with this title, creating it when there is none. */
  ensureAlbum(title: string, signal?: AbortSignal): Promise<SinkAlbum>;
  /**
   * Every item this app created, page by page; with `scope.albumId` only that album's items.
   * The caller may stop iterating at any time (no further page is fetched). When `maxPages`
   * (or the sink's own bound) pages were read and more remain, the iterable throws
   * `SYNC_CREATE_UNCERTAIN`: what was not listed is unknown, not absent.
   */
  listCreatedItems(
    signal?: AbortSignal,
    scope?: CreatedItemsScope,
  ): AsyncIterable<CreatedMediaItem>;
  /** A cheap check that the credentials work. */
  verify?(signal?: AbortSignal): Promise<{ scopes: string[] }>;
  /**
   * Calls `listener` once for every request this sink sends that counts against
   * `limits.requestQuota` (retries and resumed chunks included; credential refreshes not).
   * The engine subscribes for the length of a run to count what it spends; returns the
   * unsubscribe function. Without it the engine cannot count and keeps no budget.
   */
  onRequest?(listener: () => void): () => void;
}
