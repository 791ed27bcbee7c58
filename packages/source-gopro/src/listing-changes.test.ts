import type { FaultRuleInput, GoProEmulator } from '@q2google/sandbox';
import { afterEach, describe, expect, it } from 'vitest';
import { ALL_TIME, listAll, startWithSource } from './test-support.js';

let emu: GoProEmulator;
afterEach(() => emu?.close());

/** 12 photos listed 4 per page, the search pages asked for recorded in order. */
async function setup(faults: FaultRuleInput[], config = {}) {
  const pagesAsked: number[] = [];
  const started = await startWithSource(
    {
      seed: 41,
      faults,
      library: { fixtures: false, items: [{ kind: 'photo', count: 12, size: 5_000 }] },
    },
    {
      fetch: (input, init) => {
        const url = new URL(String(input));
        if (url.pathname === '/media/search') pagesAsked.push(Number(url.searchParams.get('page')));
        return fetch(input, init);
      },
      ...config,
    },
  );
  emu = started.emu;
  return { source: started.source, pagesAsked };
}

const liveIds = () => emu.library.media.map((m) => m.id).sort();

describe('a library that changes while it is listed (spec §7 G4)', () => {
  it('lists again and finds a new capture that arrived at the top mid-listing', async () => {
    const { source } = await setup([
      { route: 'gopro.search', kind: 'insert-top', skip: 1, times: 1 },
    ]);
    const { units, pages } = await listAll(source, { perPage: 4 });
    expect(units.map((u) => u.mediaId).sort()).toEqual(liveIds());
    expect(liveIds()).toHaveLength(13);
    expect(pages.flatMap((p) => p.warnings ?? [])).toEqual([]);
    expect(pages.at(-1)?.cursor).toBeNull();
  });

  it('finds the item a deletion slid onto a page already read, though the counts agree', async () => {
    const { source } = await setup([
      { route: 'gopro.search', kind: 'delete-at-2', skip: 1, times: 1 },
    ]);
    const before = emu.library.media.map((m) => m.id);
    const { units } = await listAll(source, { perPage: 4 });
    const ids = new Set(units.map((u) => u.mediaId));
    expect(ids.has(before[4]!)).toBe(true); // the item that slid from page 2 onto page 1
    for (const id of liveIds()) expect(ids.has(id)).toBe(true);
    expect(units).toHaveLength(12); // the deleted item had been read before it went
  });

  it('warns about a possible gap when no pass sees a stable library', async () => {
    const { source, pagesAsked } = await setup([{ route: 'gopro.search', kind: 'insert-top' }], {
      listingPasses: 2,
    });
    const { units, pages } = await listAll(source, { perPage: 4 });
    const warnings = pages.flatMap((p) => p.warnings ?? []);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/library changed while q2google listed it, 2 times over/);
    expect(pagesAsked.filter((p) => p === 1)).toHaveLength(2);
    expect(new Set(units.map((u) => u.key)).size).toBe(units.length);
    expect(pages.at(-1)?.cursor).toBeNull();
  });

  it('continues a cursor saved before listing passes, then checks with one more pass', async () => {
    const { source, pagesAsked } = await setup([]);
    const ids = emu.library.media.map((m) => m.id);
    const v1 = JSON.stringify({ v: 1, page: 2, boundary: ids.slice(0, 4) });
    const { units, pages } = await listAll(source, { perPage: 4 }, { cursor: v1 });
    expect(pagesAsked).toEqual([2, 3, 1, 2, 3]);
    expect(units.map((u) => u.mediaId).sort()).toEqual([...ids].sort());
    expect(pages.flatMap((p) => p.warnings ?? [])).toEqual([]);
  });

  it('re-lists from page 1 when a resumed listing finds a different total', async () => {
    const { source, pagesAsked } = await setup([]);
    let cursor: string | null = null;
    const first: string[] = [];
    for await (const page of source.listUnits({
      range: ALL_TIME,
      mediaTypes: [],
      options: { perPage: 4 },
      cursor: null,
    })) {
      first.push(...page.units.map((u) => u.mediaId));
      cursor = page.cursor;
      if (first.length >= 4) break; // killed after the first page
    }
    const before = emu.library.media.map((m) => m.id);
    emu.library.removeAt(1);
    pagesAsked.length = 0;
    const rest = await listAll(source, { perPage: 4 }, { cursor });
    // the saved page 2, whose total no longer matches, then page 1 again at once
    expect(pagesAsked.slice(0, 3)).toEqual([2, 1, 2]);
    const all = new Set([...first, ...rest.units.map((u) => u.mediaId)]);
    expect(all.has(before[4]!)).toBe(true); // slid from page 2 onto page 1
    for (const id of liveIds()) expect(all.has(id)).toBe(true);
  });
});
