import { isQ2gError } from '@q2google/core';
import { afterEach, describe, expect, it } from 'vitest';
import {
  bytesOf,
  type Harness,
  startHarness,
  uploadAndCreate,
  uploadOf,
} from './testing/harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('ensureAlbum', () => {
  it('creates an album once and finds it again on a rerun (no duplicates)', async () => {
    h = await startHarness();
    const first = await h.sink.ensureAlbum('GoPro 2024');
    const same = await h.sink.ensureAlbum('GoPro 2024');
    const rerun = await h.newSink().ensureAlbum('GoPro 2024');
    expect(same).toEqual(first);
    expect(rerun).toEqual(first);
    expect(h.emulator.inspect().albums.filter((a) => a.title === 'GoPro 2024')).toHaveLength(1);
  });

  it('does not duplicate an album whose create response was lost, and retries listing', async () => {
    h = await startHarness();
    h.emulator.inject({ route: 'gphotos.albums', kind: 'http-503', times: 1 });
    h.emulator.inject({ route: 'gphotos.albums', kind: 'lost-response', skip: 1, times: 1 });
    const album = await h.sink.ensureAlbum('Lost');
    expect(h.emulator.inspect().albums.filter((a) => a.title === 'Lost')).toEqual([
      expect.objectContaining({ id: album.id }),
    ]);
  });

  it('creates only one album when asked concurrently', async () => {
    h = await startHarness();
    const albums = await Promise.all([1, 2, 3].map(() => h!.sink.ensureAlbum('Trip')));
    expect(new Set(albums.map((a) => a.id)).size).toBe(1);
  });

  it('pages through every app album (50 per page) and ignores other projects’ albums', async () => {
    h = await startHarness({ emulator: { pageOverlap: true } });
    const foreign = h.emulator.createForeignAlbum('Target');
    const setup = h.newSink();
    for (let i = 0; i < 60; i++) await setup.ensureAlbum(`Album ${i}`);
    const target = await setup.ensureAlbum('Target');
    expect(target.id).not.toBe(foreign);
    h.emulator.resetRequestCounts();
    const found = await h.newSink().ensureAlbum('Target');
    expect(found.id).toBe(target.id);
    expect(h.emulator.requestCounts()['gphotos.albums']).toBe(2);
  });
});

describe('ensureAlbum counts', () => {
  it('tells how many items an album holds, read fresh on every call', async () => {
    h = await startHarness();
    const album = await h.sink.ensureAlbum('Counted');
    expect(album.itemCount).toBe(0);
    for (let i = 0; i < 2; i++) {
      const upload = await h.sink.upload(uploadOf(`C${i}.JPG`, bytesOf(40, 70 + i)));
      await h.sink.createItems(
        [{ key: `c${i}`, uploadToken: upload.uploadToken, fileName: `C${i}.JPG` }],
        { albumId: album.id },
      );
    }
    expect((await h.sink.ensureAlbum('Counted')).itemCount).toBe(2);
    expect((await h.newSink().ensureAlbum('Counted')).itemCount).toBe(2);
  });
});

describe('listCreatedItems', () => {
  it('lists the items this app created, in creation order', async () => {
    h = await startHarness({
      emulator: { pageOverlap: true },
      sink: { rawUploadMaxBytes: 1_000_000 },
    });
    const names: string[] = [];
    for (let i = 0; i < 5; i++) {
      names.push(`F${i}.JPG`);
      await uploadAndCreate(h.sink, `F${i}.JPG`, bytesOf(50, i + 1));
    }
    const listed: string[] = [];
    for await (const item of h.sink.listCreatedItems()) listed.push(item.fileName);
    expect(listed).toEqual(names);
  });

  it('retries a listing page that failed with a server error', async () => {
    h = await startHarness({ sink: { rawUploadMaxBytes: 1_000_000 } });
    await uploadAndCreate(h.sink, 'A.JPG', bytesOf(50, 1));
    h.emulator.inject({ route: 'gphotos.list', kind: 'http-500', times: 2 });
    const listed: string[] = [];
    for await (const item of h.sink.listCreatedItems()) listed.push(item.fileName);
    expect(listed).toEqual(['A.JPG']);
    expect(h.emulator.requestCounts()['gphotos.list']).toBeGreaterThanOrEqual(3);
  });

  it('lists one album within a page bound, and says when the bound cut it short', async () => {
    h = await startHarness();
    const album = await h.sink.ensureAlbum('Bounded');
    const items: { uploadToken: string }[] = [];
    for (let i = 0; i < 160; i++) items.push(await h.sink.upload({ ...uploadOfTiny(i) }));
    const create = (from: number, to: number, albumId?: string) =>
      h!.sink.createItems(
        items.slice(from, to).map((u, j) => ({
          key: `${from + j}`,
          uploadToken: u.uploadToken,
          fileName: `P${from + j}.JPG`,
        })),
        albumId ? { albumId } : {},
      );
    await create(0, 10);
    for (let i = 10; i < 160; i += 50) await create(i, i + 50, album.id);
    const before = h.emulator.requestCounts()['gphotos.list'] ?? 0;
    const listed: string[] = [];
    for await (const item of h.sink.listCreatedItems(undefined, {
      albumId: album.id,
      maxPages: 2,
    }))
      listed.push(item.fileName);
    expect(listed).toHaveLength(150);
    expect(listed).not.toContain('P0.JPG');
    expect((h.emulator.requestCounts()['gphotos.list'] ?? 0) - before).toBe(2);
    const cut = h.newSink({ reconcileMaxPages: 1 });
    const error = await (async () => {
      for await (const _ of cut.listCreatedItems(undefined, { albumId: album.id })) {
        // read on
      }
    })().catch((caught: unknown) => caught);
    expect(isQ2gError(error, 'SYNC_CREATE_UNCERTAIN')).toBe(true);
    expect((h.emulator.requestCounts()['gphotos.list'] ?? 0) - before).toBe(3);
  });

  it('dedupes a repeated item at a page boundary', async () => {
    h = await startHarness({ emulator: { pageOverlap: true } });
    const items = [];
    for (let i = 0; i < 120; i++) items.push(await h.sink.upload({ ...uploadOfTiny(i) }));
    for (let i = 0; i < 120; i += 50) {
      await h.sink.createItems(
        items.slice(i, i + 50).map((u, j) => ({
          key: `${i + j}`,
          uploadToken: u.uploadToken,
          fileName: `P${i + j}.JPG`,
        })),
      );
    }
    const ids: string[] = [];
    for await (const item of h.sink.listCreatedItems()) ids.push(item.id);
    expect(ids).toHaveLength(120);
    expect(new Set(ids).size).toBe(120);
    expect(h.emulator.requestCounts()['gphotos.list']).toBe(2);
  });
});

function uploadOfTiny(i: number) {
  const data = bytesOf(16, i + 7);
  return {
    fileName: `P${i}.JPG`,
    mimeType: 'image/jpeg',
    size: data.length,
    open: async () =>
      (async function* () {
        yield data;
      })(),
  };
}
