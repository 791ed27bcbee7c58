import type { SessionState } from '@q2google/core';
import {
  ALL_TIME,
  expectEachCreatedOnce,
  startWorld,
  unitsToCreate,
  type World,
} from '@q2google/test-support';
import { afterEach, describe, expect, it } from 'vitest';

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const CAPACITY = 4;

/** A world whose Google Photos albums hold `CAPACITY` items, as the sink is told too. */
function smallAlbums(options: Parameters<typeof startWorld>[0] = {}) {
  return startWorld({
    ...options,
    google: { albumCapacity: CAPACITY, ...options.google },
    sink: { limits: { albumCapacity: CAPACITY } },
  });
}

/** No album over capacity, no item in two albums, and every unit in the album it recorded. */
function expectAlbumsRespected(world: World, state: SessionState) {
  const library = world.google.inspect();
  for (const album of library.albums) expect(album.itemIds.length).toBeLessThanOrEqual(CAPACITY);
  for (const item of library.items) expect(item.albumIds).toHaveLength(1);
  for (const unit of Object.values(state.items)) {
    if (unit.status !== 'created') continue;
    const item = library.items.find((i) => i.id === unit.mediaItemId)!;
    expect(item.albumIds).toEqual([unit.albumId]);
  }
}

/** Each unit of the session holds the Google item made from its own bytes. */
function expectOwnItems(world: World, state: SessionState) {
  const library = world.google.inspect();
  for (const unit of unitsToCreate(world)) {
    const item = Object.values(state.items).find(
      (i) => i.mediaId === unit.mediaId && i.part === unit.part,
    )!;
    const made = library.items.find((i) => i.id === item.mediaItemId)!;
    expect(made.sha256).toBe(world.gopro.expectedSha256(unit.mediaId, unit.part));
  }
}

describe('albums past their capacity and camera file names, end to end', () => {
  it('continues a session into "Title (2)", "Title (3)" and names every album', async () => {
    world = await smallAlbums({ gopro: { library: { extra: 6 } } });
    const backend = world.backend();
    const summary = await (await world.engine({ backend })).run({
      sessionId: 'albums',
      range: ALL_TIME,
      album: 'GoPro',
    });
    expect(summary.complete).toBe(true);
    expectEachCreatedOnce(world);
    const titles = world.google.inspect().albums.map((a) => a.title);
    const needed = Math.ceil(unitsToCreate(world).length / CAPACITY);
    expect(titles).toEqual(
      Array.from({ length: needed }, (_, i) => (i === 0 ? 'GoPro' : `GoPro (${i + 1})`)),
    );
    expect(summary.albums?.map((a) => a.title)).toEqual(titles);
    expectAlbumsRespected(world, (await backend.load('albums'))!);
  });

  it('settles lost batchCreate answers at album boundaries by name and capture time', async () => {
    world = await smallAlbums({
      googleFaults: [
        { route: 'gphotos.batchCreate', kind: 'lost-response', times: 1 },
        { route: 'gphotos.batchCreate', kind: 'lost-response', skip: 2, times: 1 },
      ],
    });
    const backend = world.backend();
    const summary = await (await world.engine({ backend, batchSize: 3 })).run({
      sessionId: 'lost',
      range: ALL_TIME,
      album: 'GoPro',
    });
    expect(summary.complete).toBe(true);
    expectEachCreatedOnce(world);
    const state = (await backend.load('lost'))!;
    expect(Object.values(state.batches).filter((b) => b.reconciled)).toHaveLength(2);
    expectOwnItems(world, state);
    expectAlbumsRespected(world, state);
    // Nothing was sent again after a lost answer: one create result per file.
    for (const content of world.google.inspect().contents) expect(content.createResults).toBe(1);
  });
});
