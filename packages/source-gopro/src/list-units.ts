import { type ListUnitsRequest, type MediaUnit, mapLimit, type UnitPage } from '@q2google/core';
import type { GoProApi } from './api-client.js';
import { CURSOR_BOUNDARY_IDS, decodeCursor, encodeCursor } from './cursor.js';
import type { DescriptorCache } from './descriptor-cache.js';
import { type SearchItem, type SearchResponse, SearchResponseSchema } from './schemas.js';
import { selectParts } from './select-parts.js';
import { type GoProSourceOptionsInput, resolveSourceOptions } from './source-options.js';
import { capturedMs, planItem, unitsFromParts } from './unit-plan.js';

/** The search columns the listing needs (spec §2.2). */
export const SEARCH_FIELDS =
  'id,filename,file_extension,type,captured_at,created_at,file_size,item_count,ready_to_view,width,height,camera_model';

/** Every processing state of spec §2.5, sent when not-ready items are wanted. */
export const ALL_PROCESSING_STATES =
  'registered,uploading,rendering,pretranscoding,transcoding,processing,stabilizing,updating,loading,ready,failure,unknown,live';

/** What the lister needs. */
export interface ListerDeps {
  api: GoProApi;
  descriptors: DescriptorCache;
  defaults: GoProSourceOptionsInput;
  /** Re-requests of a page that came back short (spec §2.6). */
  shortPageRetries: number;
  /** Download descriptors fetched at once while listing. */
  descriptorConcurrency: number;
}

async function fetchPage(
  deps: ListerDeps,
  query: Record<string, string>,
  page: number,
  previous: ReadonlySet<string>,
  signal?: AbortSignal,
): Promise<{ response: SearchResponse; warning?: string }> {
  let best: SearchResponse | undefined;
  let bestFresh = -1;
  let expected = 0;
  for (let attempt = 0; attempt <= deps.shortPageRetries; attempt++) {
    const response = await deps.api.get(
      `GoPro search page ${page}`,
      '/media/search',
      { ...query, page: String(page) },
      SearchResponseSchema,
      signal,
    );
    const { per_page: perPage, total_pages: totalPages, total_items: totalItems } = response._pages;
    const fresh = response._embedded.media.filter((m) => !previous.has(m.id)).length;
    if (fresh > bestFresh) [best, bestFresh] = [response, fresh];
    expected = page < totalPages ? perPage : totalItems - (page - 1) * perPage;
    if (fresh >= expected || response._embedded.media.length === 0) return { response };
  }
  const warning =
    `GoPro's search page ${page} held ${bestFresh} of the ${expected} items it should have after ` +
    `${deps.shortPageRetries + 1} tries; q2google kept what it got. If items are missing, sync the ` +
    'same dates again with a new session id: what is already in Google Photos is skipped.';
  return { response: best!, warning };
}

/**
 * Pages through `/media/search` for the capture range, newest first, and yields each page's
 * units with a cursor (next page + the ids just before it) so a killed discovery continues.
 * Items repeated at a page boundary are dropped, short pages are re-requested, and the range
 * and types are filtered client-side as well; every item is reported exactly once.
 */
export async function* listGoProUnits(
  deps: ListerDeps,
  request: ListUnitsRequest,
): AsyncGenerator<UnitPage> {
  const options = resolveSourceOptions(deps.defaults, request.options);
  const from = Date.parse(request.range.from);
  const to = Date.parse(request.range.to);
  const types = new Set(request.mediaTypes);
  const query: Record<string, string> = {
    fields: SEARCH_FIELDS,
    order_by: 'captured_at',
    per_page: String(options.perPage),
    // one second of slack each side: the server's bound inclusivity is unknown (spec §2.2)
    captured_range: `${new Date(from - 1000).toISOString()},${new Date(to + 1000).toISOString()}`,
    processing_states: options.notReady === 'exclude' ? 'ready' : ALL_PROCESSING_STATES,
  };
  if (types.size > 0) query.type = [...types].join(',');
  let cursor = decodeCursor(request.cursor);
  let previous: ReadonlySet<string> = new Set(cursor.boundary);
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
    return unitsFromParts(item, parts, options.fileNameTag);
  };
  for (;;) {
    const { response, warning } = await fetchPage(
      deps,
      query,
      cursor.page,
      previous,
      request.signal,
    );
    const media = response._embedded.media;
    if (media.length === 0) {
      yield { units: [], cursor: null };
      return;
    }
    const seen = new Set<string>();
    const fresh = media.filter((m) => {
      if (previous.has(m.id) || seen.has(m.id)) return false;
      seen.add(m.id);
      return wanted(m);
    });
    const units = (await mapLimit(fresh, deps.descriptorConcurrency, unitsOf)).flat();
    const done = cursor.page >= response._pages.total_pages;
    const ids = media.map((m) => m.id);
    const next = {
      v: 1 as const,
      page: cursor.page + 1,
      boundary: ids.slice(-CURSOR_BOUNDARY_IDS),
    };
    yield {
      units,
      cursor: done ? null : encodeCursor(next),
      ...(warning ? { warnings: [warning] } : {}),
    };
    if (done) return;
    previous = seen;
    cursor = next;
  }
}
