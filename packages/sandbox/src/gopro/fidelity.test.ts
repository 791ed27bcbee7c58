import { afterEach, describe, expect, it } from 'vitest';
import { type GoProEmulator, startGoProEmulator } from './emulator.js';

let emu: GoProEmulator;

interface Entry {
  url: string;
  head: string;
  label?: string;
}
interface Body {
  error_description?: string;
  _pages: { total_items: number };
  _embedded: { media: { id: string }[]; files: Entry[]; variations: Entry[] };
}
afterEach(() => emu?.close());

async function start(options: Parameters<typeof startGoProEmulator>[0]) {
  emu = await startGoProEmulator(options);
  const token = emu.issueAccessToken();
  const get = async (path: string) => {
    const res = await fetch(`${emu.apiUrl}${path}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return { status: res.status, body: (await res.json()) as Body };
  };
  return { get };
}

describe('what the real GoPro cloud does that clients miss (spec §7)', () => {
  it('G1: lists export renders only when the search lacks xcomposition=export', async () => {
    const { get } = await start({
      library: {
        fixtures: false,
        items: [
          { kind: 'video', count: 2 },
          { kind: 'video', exportRender: true },
        ],
      },
    });
    const exported = emu.library.media.find((m) => m.exportRender)!;
    const ids = (body: Body) => body._embedded.media.map((m) => m.id);
    const all = await get('/media/search?per_page=10');
    expect([all.body._pages.total_items, ids(all.body)]).toEqual([
      3,
      expect.arrayContaining([exported.id]),
    ]);
    const hidden = await get('/media/search?per_page=10&xcomposition=export');
    expect(hidden.body._pages.total_items).toBe(2);
    expect(ids(hidden.body)).not.toContain(exported.id);
    expect(emu.expectedUnits().map((u) => u.mediaId)).not.toContain(exported.id);
  });

  it("G2: refuses a processing state outside the web app's list with 400", async () => {
    const { get } = await start({});
    const known =
      'registered,uploading,rendering,pretranscoding,transcoding,stabilizing,ready,failure,unknown';
    expect((await get(`/media/search?processing_states=${known}`)).status).toBe(200);
    const refused = await get('/media/search?processing_states=ready,processing');
    expect(refused.status).toBe(400);
    expect(refused.body.error_description).toContain('processing');
  });

  it('G3: a URL whose signing session ended answers 400 ExpiredToken on GET and HEAD', async () => {
    const { get } = await start({ cdn: { signingSessionSeconds: 60 } });
    const descriptor = async () =>
      (await get(`/media/${emu.library.fixtureId('photo')}/download`)).body._embedded;
    const entry = (await descriptor()).variations.find((v) => v.label === 'source');
    expect((await fetch(entry!.url)).status).toBe(200);
    emu.advanceClock(61_000);
    const res = await fetch(entry!.url);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('<Code>ExpiredToken</Code>');
    expect((await fetch(entry!.head, { method: 'HEAD' })).status).toBe(400);
    const fresh = (await descriptor()).variations.find((v) => v.label === 'source');
    expect((await fetch(fresh!.url)).status).toBe(200);
    emu.endSigningSessions();
    expect((await fetch(fresh!.url)).status).toBe(400);
    emu.addFault({ route: 'cdn.get', kind: 'http-400-expired-token', times: 1 });
    const newest = (await descriptor()).variations.find((v) => v.label === 'source');
    const faulted = await fetch(newest!.url);
    expect([faulted.status, await faulted.text()]).toEqual([
      400,
      expect.stringContaining('ExpiredToken'),
    ]);
    expect((await fetch(newest!.url)).status).toBe(200);
  });

  it('G4: inserts new captures at the top and deletes items mid-listing, when told to', async () => {
    const { get } = await start({
      library: { fixtures: false, items: [{ kind: 'photo', count: 6, size: 1000 }] },
      faults: [{ route: 'gopro.search', kind: 'insert-top-2', skip: 1, times: 1 }],
    });
    const before = emu.library.media.map((m) => m.id);
    const page = async (n: number) => (await get(`/media/search?per_page=3&page=${n}`)).body;
    const first = await page(1);
    expect(first._pages.total_items).toBe(6);
    const second = await page(2); // two new captures arrived first: the list shifted by two
    expect(second._pages.total_items).toBe(8);
    expect(second._embedded.media.map((m) => m.id)).toEqual([before[1], before[2], before[3]]);
    expect(emu.library.media.slice(2).map((m) => m.id)).toEqual(before);
    emu.addFault({ route: 'gopro.search', kind: 'delete-at-3', times: 1 });
    const third = await page(1); // the item at position 3 (before[0]) is gone
    expect(third._pages.total_items).toBe(7);
    expect(emu.library.byId(before[0]!)).toBeUndefined();
    expect((await get(`/media/${before[0]}/download`)).status).toBe(404);
    expect(emu.expectedUnits().map((u) => u.mediaId)).not.toContain(before[0]);
  });

  it('G5: serves some edits with no baked_source, the render as the first files[] entry', async () => {
    const { get } = await start({
      library: { fixtures: false, items: [{ kind: 'edit', size: 5000, renderInFiles: true }] },
    });
    const [edit] = emu.library.media;
    const { _embedded: d } = (await get(`/media/${edit!.id}/download`)).body;
    expect(d.variations.map((v) => v.label)).not.toContain('baked_source');
    const first = await fetch(d.files[0]!.url);
    expect(Number(first.headers.get('content-length'))).toBe(5000);
    expect(emu.expectedUnits().map((u) => u.part)).toEqual(['render']);
  });
});
