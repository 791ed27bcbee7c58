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

describe('a full sync between the emulators', () => {
  it('creates every original of a mixed library exactly once, with its bytes and name', async () => {
    world = await startWorld({ gopro: { library: { extra: 30 } } });
    const summary = await (await world.engine()).run({
      sessionId: 'mixed',
      range: ALL_TIME,
      album: 'GoPro',
    });
    expect(summary.stopped).toBeUndefined();
    expect(summary.complete).toBe(true);
    expect(summary.failures).toEqual([]);
    expectEachCreatedOnce(world);

    const library = world.google.inspect();
    const album = library.albums.find((a) => a.title === 'GoPro')!;
    expect(library.items.every((item) => item.albumIds.includes(album.id))).toBe(true);
    const names = library.items.map((item) => item.filename);
    expect(new Set(names).size).toBe(names.length);
    const clash = unitsToCreate(world).filter((u) => u.fixture?.startsWith('same-name'));
    expect(clash).toHaveLength(2);
    expect(clash[0]!.cameraName).toBe(clash[1]!.cameraName);
  });

  it('records why units were skipped', async () => {
    world = await startWorld();
    const backend = world.backend();
    const summary = await (await world.engine({ backend })).run({
      sessionId: 'skips',
      range: ALL_TIME,
    });
    expect(summary.skippedByReason).toMatchObject({ 'unsupported-type': 1, 'not-ready': 1 });
    const state = await backend.load('skips');
    const max360 = Object.values(state!.items).find((i) =>
      i.fileName.toLowerCase().endsWith('.360'),
    );
    expect(max360).toMatchObject({ status: 'skipped', skip: { reason: 'unsupported-type' } });
  });

  it('creates nothing twice when a second session covers an overlapping range', async () => {
    world = await startWorld({
      gopro: {
        library: {
          fixtures: false,
          extra: 24,
          from: '2024-01-01T00:00:00.000Z',
          to: '2024-12-31T00:00:00.000Z',
        },
      },
    });
    const first = await (await world.engine()).run({
      sessionId: 'h1',
      range: { from: '2024-01-01T00:00:00.000Z', to: '2024-08-31T23:59:59.999Z' },
    });
    const second = await (await world.engine()).run({
      sessionId: 'all',
      range: { from: '2024-01-01T00:00:00.000Z', to: '2024-12-31T23:59:59.999Z' },
    });
    expect(first.createdThisRun).toBeGreaterThan(0);
    expect(second.skippedByReason['already-synced']).toBe(first.createdThisRun);
    expectEachCreatedOnce(world);
  });
});
