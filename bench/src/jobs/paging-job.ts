/**
 * The bare discovery baseline: pages through `GET /media/search` with the same query the GoPro
 * source sends (fields, order, page size, range) and parses each page, nothing else.
 */
import type { Wiring } from '../emulators/wiring.js';
import { finishJob, jobInput, peakRssBytes } from '../lib/child.js';
import { ok, send } from './bare-http.js';

/** What the paging baseline walks. */
export interface PagingJobInput {
  wiring: Wiring;
  perPage: number;
  range: { from: string; to: string };
}

/** What the paging baseline reports. */
export interface PagingJobResult {
  durationMs: number;
  items: number;
  pages: number;
  maxRssBytes: number;
  cpuMicros: number;
}

const FIELDS =
  'id,filename,file_extension,type,captured_at,created_at,file_size,item_count,ready_to_view,width,height,camera_model';

const input = jobInput<PagingJobInput>();
const cpuBefore = process.cpuUsage();
const started = performance.now();
let items = 0;
let pages = 0;
for (let page = 1; ; page++) {
  const query = new URLSearchParams({
    fields: FIELDS,
    order_by: 'captured_at',
    per_page: String(input.perPage),
    page: String(page),
    captured_range: `${input.range.from},${input.range.to}`,
  });
  const res = ok(
    await send(`${input.wiring.goproApiUrl}/media/search?${query}`, 'GET', {
      authorization: `Bearer ${input.wiring.goproToken}`,
    }),
    'search',
  );
  const body = JSON.parse(res.text) as {
    _pages: { total_pages: number };
    _embedded: { media: unknown[] };
  };
  items += body._embedded.media.length;
  pages += 1;
  if (page >= body._pages.total_pages) break;
}
const durationMs = performance.now() - started;
const cpu = process.cpuUsage(cpuBefore);
const result: PagingJobResult = {
  durationMs,
  items,
  pages,
  maxRssBytes: peakRssBytes(),
  cpuMicros: cpu.user + cpu.system,
};
finishJob(result);
