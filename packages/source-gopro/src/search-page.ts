import type { GoProApi } from './api-client.js';
import { type SearchResponse, SearchResponseSchema } from './schemas.js';
import type { GoProSourceOptions } from './source-options.js';

/** The search columns the listing needs (spec §2.2). */
export const SEARCH_FIELDS =
  'id,filename,file_extension,type,captured_at,created_at,file_size,item_count,ready_to_view,width,height,camera_model';

/**
 * The web app's processing states (spec §2.2), sent when not-ready items are wanted; a server
 * that validates the filter refuses any other value (spec §7 G2).
 */
export const ALL_PROCESSING_STATES =
  'registered,uploading,rendering,pretranscoding,transcoding,stabilizing,ready,failure,unknown';

/** The `/media/search` query of a listing, without `page`. */
export function searchQuery(
  range: { from: number; to: number },
  types: ReadonlySet<string>,
  options: Pick<GoProSourceOptions, 'perPage' | 'notReady'>,
): Record<string, string> {
  const query: Record<string, string> = {
    fields: SEARCH_FIELDS,
    order_by: 'captured_at',
    per_page: String(options.perPage),
    // one second of slack each side: the server's bound inclusivity is unknown (spec §2.2)
    captured_range: `${new Date(range.from - 1000).toISOString()},${new Date(range.to + 1000).toISOString()}`,
    processing_states: options.notReady === 'exclude' ? 'ready' : ALL_PROCESSING_STATES,
    // hide the internal "export" renders of Quik shares, as the web app does (spec §7 G1)
    xcomposition: 'export',
  };
  if (types.size > 0) query.type = [...types].join(',');
  return query;
}

/** What fetching one search page needs. */
export interface SearchPageDeps {
  api: GoProApi;
  /** Re-requests of a page that came back short (spec §2.6). */
  shortPageRetries: number;
}

/**
 * One search page, re-requested while it holds fewer items than it should (spec §2.6); the
 * answer with the most new items is kept, with a warning when it stayed short after every try.
 * A full page that repeats the previous page's last item is not short: the list shifted
 * (spec §7 G4), which the listing's passes handle.
 */
export async function fetchPage(
  deps: SearchPageDeps,
  query: Record<string, string>,
  page: number,
  previous: ReadonlySet<string>,
  signal?: AbortSignal,
): Promise<{ response: SearchResponse; warning?: string }> {
  let best: SearchResponse | undefined;
  let bestFresh = -1;
  let expected = 0;
  let held = 0;
  for (let attempt = 0; attempt <= deps.shortPageRetries; attempt++) {
    const response = await deps.api.get(
      `GoPro search page ${page}`,
      '/media/search',
      { ...query, page: String(page) },
      SearchResponseSchema,
      signal,
    );
    const { per_page: perPage, total_pages: totalPages, total_items: totalItems } = response._pages;
    const { media } = response._embedded;
    const fresh = media.filter((m) => !previous.has(m.id)).length;
    if (fresh > bestFresh) [best, bestFresh, held] = [response, fresh, media.length];
    expected = page < totalPages ? perPage : totalItems - (page - 1) * perPage;
    if (media.length >= expected || media.length === 0) return { response };
  }
  const warning =
    `GoPro's search page ${page} held ${held} of the ${expected} items it should have after ` +
    `${deps.shortPageRetries + 1} tries; q2google kept what it got. If items are missing, sync the ` +
    'same dates again with a new session id: what is already in Google Photos is skipped.';
  return { response: best!, warning };
}
