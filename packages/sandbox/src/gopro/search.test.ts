import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GoProEmulator, startGoProEmulator } from './emulator.js';

let emu: GoProEmulator;
let token: string;

interface SearchBody {
  _pages: { current_page: number; per_page: number; total_items: number; total_pages: number };
  _embedded: { media: Record<string, unknown>[] };
}

async function search(query: string): Promise<{ status: number; body: SearchBody }> {
  const res = await fetch(`${emu.apiUrl}/media/search?${query}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: res.status, body: (await res.json()) as SearchBody };
}

beforeAll(async () => {
  emu = await startGoProEmulator({ seed: 11, library: { extra: 95 } });
  token = emu.issueAccessToken();
});
afterAll(() => emu.close());

describe('GET /media/search', () => {
  it('pages 1-based, newest capture first, and reports the totals', async () => {
    const { body } = await search('order_by=captured_at&per_page=40&page=1');
    expect(body._pages).toEqual({
      current_page: 1,
      per_page: 40,
      total_items: 105,
      total_pages: 3,
    });
    const times = body._embedded.media.map((m) => Date.parse(String(m.captured_at)));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const last = await search('order_by=captured_at&per_page=40&page=3');
    expect(last.body._embedded.media).toHaveLength(25);
    const past = await search('order_by=captured_at&per_page=40&page=4');
    expect([past.status, past.body._embedded.media.length]).toEqual([200, 0]);
  });

  it('projects `fields`, always keeping id and the always-present keys', async () => {
    const { body } = await search('fields=filename,file_size&per_page=1');
    expect(Object.keys(body._embedded.media[0]!).sort()).toEqual(
      ['file_size', 'filename', 'gopro_user_id', 'id', 'source_gumi', 'source_mgumi'].sort(),
    );
  });

  it('returns nothing for an empty `type=` and filters by type otherwise', async () => {
    expect((await search('type=')).body._embedded.media).toHaveLength(0);
    const edits = await search('type=MultiClipEdit&fields=type');
    expect(edits.body._embedded.media.map((m) => m.type)).toEqual(['MultiClipEdit']);
  });

  it('filters by processing state and capture range', async () => {
    const notReady = await search('processing_states=transcoding&fields=ready_to_view');
    expect(notReady.body._pages.total_items).toBe(1);
    const range = '2025-06-01T00:00:00.000Z,2025-06-03T00:00:00.000Z';
    const inRange = await search(`captured_range=${range}&fields=captured_at&per_page=100`);
    for (const m of inRange.body._embedded.media) {
      expect(Date.parse(String(m.captured_at))).toBeGreaterThanOrEqual(Date.parse('2025-06-01'));
      expect(Date.parse(String(m.captured_at))).toBeLessThanOrEqual(Date.parse('2025-06-03'));
    }
    expect(inRange.body._pages.total_items).toBeGreaterThanOrEqual(2);
  });

  it('answers page 0 with an empty page or a 400, as configured', async () => {
    expect((await search('page=0')).body._embedded.media).toHaveLength(0);
    emu.configure({ search: { pageBelowOne: 'error' } });
    expect((await search('page=0')).status).toBe(400);
    emu.configure({ search: { pageBelowOne: 'empty' } });
  });

  it('clamps per_page when configured and echoes the value used', async () => {
    emu.configure({ search: { maxPerPage: 10 } });
    const { body } = await search('per_page=500');
    expect([body._pages.per_page, body._embedded.media.length]).toEqual([10, 10]);
    emu.configure({ search: { maxPerPage: null } });
  });

  it('injects a boundary duplicate, a short page and stale sizes', async () => {
    const first = await search('per_page=10&page=1&fields=file_size');
    emu.addFault({ route: 'gopro.search', kind: 'boundary-duplicate', times: 1 });
    const dup = await search('per_page=10&page=2');
    expect(dup.body._embedded.media[0]!.id).toBe(first.body._embedded.media[9]!.id);
    emu.addFault({ route: 'gopro.search', kind: 'short-page', times: 1 });
    expect((await search('per_page=10&page=1')).body._embedded.media).toHaveLength(5);
    emu.addFault({ route: 'gopro.search', kind: 'stale-size', times: 1 });
    const stale = await search('per_page=10&page=1&fields=file_size');
    const sized = first.body._embedded.media.findIndex((m) => typeof m.file_size === 'number');
    expect(stale.body._embedded.media[sized]!.file_size).toBe(
      Number(first.body._embedded.media[sized]!.file_size) + 4096,
    );
  });

  it('answers 429 with Retry-After when told to', async () => {
    emu.addFault({ route: 'gopro.search', kind: 'http-429', retryAfterSeconds: 7, times: 1 });
    const res = await fetch(`${emu.apiUrl}/media/search`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect([res.status, res.headers.get('retry-after')]).toEqual([429, '7']);
  });

  it('counts requests per route', () => {
    expect(emu.requestCount('gopro.search')).toBeGreaterThan(10);
  });
});
