import type { ServerResponse } from 'node:http';
import type { FiredFault } from '../shared/faults.js';
import { sendJson } from '../shared/http-server.js';
import { type GoProContext, layoutOf } from './context.js';
import { DEFAULT_SEARCH_FIELDS, fullRecord, mediaRecord, project } from './media-json.js';
import type { EmulatedMedia } from './media-record.js';

/** Bytes a `stale-size` fault adds to every `file_size` of the faulted response. */
export const STALE_FAULT_BYTES = 4096;

const caches = new WeakMap<GoProContext, { key: string; items: EmulatedMedia[] }>();

const list = (value: string | null) => (value === null ? null : value.split(',').filter(Boolean));

/** The processing states the web app sends (spec §2.2); anything else is refused (§7 G2). */
export const KNOWN_PROCESSING_STATES = [
  'registered',
  'uploading',
  'rendering',
  'pretranscoding',
  'transcoding',
  'stabilizing',
  'ready',
  'failure',
  'unknown',
];

function filtered(ctx: GoProContext, url: URL): EmulatedMedia[] {
  const q = url.searchParams;
  const params = ['type', 'processing_states', 'captured_range', 'order_by', 'xcomposition'];
  const key = `${ctx.library.version}|${ctx.options.search.capturedRangeEnd}|${params.map((k) => q.get(k)).join('|')}`;
  const cached = caches.get(ctx);
  if (cached?.key === key) return cached.items;
  const types = list(q.get('type'));
  const states = list(q.get('processing_states'));
  const [fromText, toText] = (q.get('captured_range') ?? '').split(',');
  const from = fromText ? Date.parse(fromText) : Number.NEGATIVE_INFINITY;
  const to = toText ? Date.parse(toText) : Number.POSITIVE_INFINITY;
  const inclusive = ctx.options.search.capturedRangeEnd === 'inclusive';
  const hideExports = q.get('xcomposition') === 'export';
  const items = ctx.library.media.filter(
    (m) =>
      !(hideExports && m.exportRender) &&
      (types === null || types.includes(m.type)) &&
      (states === null || states.includes(m.readyToView)) &&
      m.capturedMs >= from &&
      (inclusive ? m.capturedMs <= to : m.capturedMs < to),
  );
  if (q.get('order_by') === 'created_at') items.sort((a, b) => b.createdMs - a.createdMs);
  caches.set(ctx, { key, items });
  return items;
}

/**
 * Library changes scripted as `gopro.search` faults, applied before the page is served (so a
 * rule with `skip: N` fires after N pages): `insert-top[-K]` adds K (default 1) new captures
 * at the top; `delete-at-P` deletes the item at 1-based position P, newest first (spec §7 G4).
 */
function changeLibrary(ctx: GoProContext, fault: FiredFault | undefined): void {
  const kind = fault?.rule.kind ?? '';
  const insert = /^insert-top(?:-(\d+))?$/.exec(kind);
  if (insert) ctx.library.insertNewest(Number(insert[1] ?? 1));
  const remove = /^delete-at-(\d+)$/.exec(kind);
  if (remove) ctx.library.removeAt(Number(remove[1]));
}

/**
 * `GET /media/search` (spec §2): filters, `fields` projection, 1-based paging, newest first.
 * Export renders are listed unless `xcomposition=export` is sent; a `processing_states` value
 * outside the web app's list is refused with 400 (spec §7 G1, G2).
 * Route faults: `boundary-duplicate` (the page starts with the previous page's last item),
 * `short-page` (only the first half of the page), `stale-size` (file sizes a few KB too large),
 * and the library changes of {@link changeLibrary}.
 */
export function handleSearch(
  ctx: GoProContext,
  res: ServerResponse,
  url: URL,
  fault: FiredFault | undefined,
): void {
  const q = url.searchParams;
  const { search } = ctx.options;
  const page = q.has('page') ? Number.parseInt(q.get('page') ?? '', 10) : 1;
  const askedPerPage = Number.parseInt(q.get('per_page') ?? '', 10);
  let perPage =
    Number.isFinite(askedPerPage) && askedPerPage > 0 ? askedPerPage : search.defaultPerPage;
  if (search.maxPerPage !== null) perPage = Math.min(perPage, search.maxPerPage);
  if (!Number.isFinite(page) || page < 1) {
    if (search.pageBelowOne === 'error') {
      sendJson(res, 400, { error: 'invalid_request', error_description: 'page must be >= 1' });
      return;
    }
  }
  const unknownState = list(q.get('processing_states'))?.find(
    (state) => !KNOWN_PROCESSING_STATES.includes(state),
  );
  if (unknownState !== undefined) {
    sendJson(res, 400, {
      error: 'invalid_request',
      error_description: `unknown processing state "${unknownState}"`,
    });
    return;
  }
  changeLibrary(ctx, fault);
  const items = q.get('type') === '' ? [] : filtered(ctx, url);
  const totalItems = items.length;
  const start = (page - 1) * perPage;
  let slice = page >= 1 ? items.slice(start, start + perPage) : [];
  const kind = fault?.rule.kind;
  if (kind === 'boundary-duplicate' && start > 0 && slice.length > 0) {
    slice = [items[start - 1]!, ...slice];
  }
  if (kind === 'short-page' && slice.length > 1)
    slice = slice.slice(0, Math.floor(slice.length / 2));
  const fields = list(q.get('fields')) ?? DEFAULT_SEARCH_FIELDS;
  const stale = kind === 'stale-size' ? STALE_FAULT_BYTES : 0;
  const wantsLabels = fields.includes('available_labels');
  const media = slice.map((m) =>
    project(
      wantsLabels
        ? fullRecord(ctx.library, m, layoutOf(ctx), stale)
        : mediaRecord(ctx.library, m, stale),
      fields,
      search.alwaysFields,
    ),
  );
  sendJson(res, 200, {
    _pages: {
      current_page: Number.isFinite(page) ? page : 0,
      per_page: perPage,
      total_items: totalItems,
      total_pages: Math.ceil(totalItems / perPage),
    },
    _embedded: { errors: [], media },
  });
}
