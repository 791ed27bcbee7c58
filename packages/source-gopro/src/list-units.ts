import { type ListUnitsRequest, type MediaUnit, mapLimit, type UnitPage } from '@q2google/core';
import {
  CURSOR_BOUNDARY_IDS,
  decodeCursor,
  encodeCursor,
  type ListCursor,
  passStart,
} from './cursor.js';
import type { DescriptorCache } from './descriptor-cache.js';
import { RAW_MIME_TYPE } from './file-names.js';
import type { SearchItem } from './schemas.js';
import { fetchPage, type SearchPageDeps, searchQuery } from './search-page.js';
import { selectParts } from './select-parts.js';
import { type GoProSourceOptionsInput, resolveSourceOptions } from './source-options.js';
import { capturedMs, planItem, unitsFromParts } from './unit-plan.js';

export { ALL_PROCESSING_STATES, SEARCH_FIELDS } from './search-page.js';

/** What the lister needs. */
export interface ListerDeps extends SearchPageDeps {
  descriptors: DescriptorCache;
  defaults: GoProSourceOptionsInput;
  /** Download descriptors fetched at once while listing. */
  descriptorConcurrency: number;
  /** Listing passes at most, when the library changes during a listing (spec §7 G4). */
  listingPasses: number;
}

/** The warning of a listing that includes GoPro RAW files (spec §7 G6). */
export const RAW_WARNING =
  'RAW photos (.gpr) are included (Q2G_RAW_PHOTOS is raw or both), but GoPro RAW is not among ' +
  'the formats Google Photos documents: Google may refuse them after the upload, and they then ' +
  'fail with INVALID_ARGUMENT. The JPEG of each photo (Q2G_RAW_PHOTOS=jpeg) is always accepted.';

/** The warning of a listing that found no stable, complete pass within its passes. */
function gapWarning(passes: number, total: number, found: number): string {
  const missing = total > found ? `${total - found} of ${total} items were not found` : '';
  return (
    `GoPro's library changed while q2google listed it, ${passes} times over` +
    `${missing ? `; ${missing}` : ''}. Some items may be missing from this session: ` +
    'sync the same dates again later with a new session id (what is already in Google Photos ' +
    'is skipped).'
  );
}

/**
 * Pages through `/media/search` for the capture range, newest first, and yields each page's
 * units with a cursor so a killed discovery continues. Items repeated at a page boundary are
 * dropped, short pages are re-requested, and the range and types are filtered client-side too.
 *
 * A pass is complete when `_pages.total_items` stayed the same on every page and the pass found
 * that many distinct ids. Otherwise the library changed while listing (a new capture shifts
 * pages, a deletion slides an unread item onto a page already read) and the listing starts a
 * new pass from page 1, up to `listingPasses`, then warns. A resumed listing whose total
 * differs from the one its cursor was made under re-lists from page 1 (spec §7 G4). Items
 * are reported once per listing; after a resume, a re-list may repeat units already reported
 * before it (the engine keeps the first). A listing with RAW `.gpr` units warns that Google
 * may refuse them (spec §7 G6).
 */
export async function* listGoProUnits(
  deps: ListerDeps,
  request: ListUnitsRequest,
): AsyncGenerator<UnitPage> {
  const options = resolveSourceOptions(deps.defaults, request.options);
  const from = Date.parse(request.range.from);
  const to = Date.parse(request.range.to);
  const types = new Set(request.mediaTypes);
  const query = searchQuery({ from, to }, types, options);
  let cursor = decodeCursor(request.cursor);
  let resumed = request.cursor !== null;
  let previous: ReadonlySet<string> = new Set(cursor.boundary);
  const listed = new Set<string>();
  let rawWarned = false;
  const wanted = (item: SearchItem) => {
    const at = capturedMs(item);
    return at >= from && at <= to && (types.size === 0 || types.has(item.type ?? ''));
  };
  const unitsOf = async (item: SearchItem): Promise<MediaUnit[]> => {
    const plan = planItem(item, options);
    if (plan === null) return [];
    if ('units' in plan) return plan.units;
    const descriptor = await deps.descriptors.get(item.id, request.signal);
    const parts = selectParts(item.type ?? '', item.file_extension ?? '', descriptor, options);
    return unitsFromParts(item, parts);
  };
  for (;;) {
    const { response, warning } = await fetchPage(
      deps,
      query,
      cursor.page,
      previous,
      request.signal,
    );
    const { total_items: total, total_pages: totalPages } = response._pages;
    if (resumed && cursor.page > 1 && cursor.total !== null && total !== cursor.total) {
      // page numbers recorded before the library changed are not trusted: start over
      cursor = passStart(Math.min(cursor.pass + 1, deps.listingPasses));
      previous = new Set();
      resumed = false;
      continue;
    }
    resumed = false;
    const media = response._embedded.media;
    const seen = new Set<string>();
    const onPage = media.filter((m) => {
      if (previous.has(m.id) || seen.has(m.id)) return false;
      seen.add(m.id);
      return true;
    });
    const fresh = onPage.filter((m) => !listed.has(m.id) && wanted(m));
    const units = (await mapLimit(fresh, deps.descriptorConcurrency, unitsOf)).flat();
    for (const m of fresh) listed.add(m.id);
    const passTotal = cursor.total ?? total;
    const found = cursor.found + onPage.length;
    const changed = cursor.changed || total !== passTotal;
    const warnings = warning ? [warning] : [];
    if (!rawWarned && units.some((u) => u.mimeType === RAW_MIME_TYPE && !u.skip)) {
      rawWarned = true;
      warnings.push(RAW_WARNING);
    }
    let next: ListCursor | null = null;
    if (media.length > 0 && cursor.page < totalPages) {
      const boundary = media.map((m) => m.id).slice(-CURSOR_BOUNDARY_IDS);
      next = { ...cursor, page: cursor.page + 1, boundary, total: passTotal, changed, found };
    } else if (changed || found < total) {
      if (cursor.pass < deps.listingPasses) next = passStart(cursor.pass + 1);
      else warnings.push(gapWarning(cursor.pass, total, found));
    }
    yield {
      units,
      cursor: next ? encodeCursor(next) : null,
      ...(warnings.length > 0 ? { warnings } : {}),
    };
    if (!next) return;
    previous = next.page === 1 ? new Set() : seen;
    cursor = next;
  }
}
