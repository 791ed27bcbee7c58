/**
 * The media-source port: where media comes from (the GoPro cloud in production).
 * A source lists transferable units page by page with a resumable cursor, and opens a byte
 * stream of one unit from any offset. Refreshing expired download URLs is the source's job.
 */

import type { MediaUnit } from '../model/media-unit.js';
import type { DateRange } from '../model/session-state.js';
import type { JsonValue } from '../util/json.js';

/** What to list. */
export interface ListUnitsRequest {
  range: DateRange;
  /** Source media types to include; empty means all the source supports. */
  mediaTypes: string[];
  /** Source-specific options stored with the session. */
  options: Record<string, JsonValue>;
  /** The cursor returned with the last page already recorded, or null to start. */
  cursor: string | null;
  signal?: AbortSignal;
}

/** One page of units and the cursor to continue after it (null after the last page). */
export interface UnitPage {
  units: MediaUnit[];
  cursor: string | null;
  /**
   * Things the user should know about this page (e.g. the server sent fewer items than due);
   * the engine keeps them with the session, each once, for the summary and status.
   */
  warnings?: string[];
}

/** An open byte stream of one unit. */
export interface SourceStream {
  /** The unit's total size as the storage serves it (trusted over the listed size). */
  totalSize: number;
  /** The offset the body starts at. */
  offset: number;
  /** The bytes from `offset` to the end. */
  body: AsyncIterable<Uint8Array>;
}

/** The media-source port. */
export interface MediaSource {
  /** Short name for messages, e.g. `gopro`. */
  readonly name: string;
  /**
   * Every unit captured in the range, page by page, each exactly once; a listing continued
   * from a cursor may repeat units reported before it (the engine keeps the first by key).
   */
  listUnits(request: ListUnitsRequest): AsyncIterable<UnitPage>;
  /** A stream of the unit's bytes from `offset`; refreshes expired URLs itself. */
  openUnit(unit: MediaUnit, offset: number, signal?: AbortSignal): Promise<SourceStream>;
  /** A cheap check that the credentials work; resolves to the account id. */
  verify?(signal?: AbortSignal): Promise<{ accountId: string }>;
}
