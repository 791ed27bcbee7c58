import { describe, expect, it } from 'vitest';
import { Q2gError } from '../errors/q2g-error.js';
import type { SessionState } from '../model/session-state.js';
import type { SyncStateBackend } from '../protocol/state-backend.js';
import type { SyncEngineOptions } from '../sync/engine-options.js';
import { GoProToPhotosSync } from '../sync/go-pro-to-photos-sync.js';
import { FakeSink } from '../testing/fake-sink.js';
import { FakeSource, fakeUnit } from '../testing/fake-source.js';
import { createMemoryBackend, createMemoryStore } from '../testing/memory-backend.js';
import { albumTitle } from './album-plan.js';

const range = { from: '2025-01-01T00:00:00.000Z', to: '2025-12-31T23:59:59.999Z' };
const units = (count: number, prefix = 'm') =>
  Array.from({ length: count }, (_, i) => fakeUnit(`${prefix}${i}#source`, 1_000 + i));

function engine(
  options: Partial<SyncEngineOptions> & Pick<SyncEngineOptions, 'source' | 'sink' | 'backend'>,
) {
  return new GoProToPhotosSync({ concurrency: 2, ...options });
}

/** A fake Google Photos whose albums hold `capacity` items. */
function smallAlbums(capacity: number): FakeSink {
  const sink = new FakeSink();
  sink.limits.albumCapacity = capacity;
  return sink;
}

/** Album title → how many items it holds. */
function fill(sink: FakeSink): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [title, id] of sink.albums) out[title] = sink.albumItems.get(id)?.length ?? 0;
  return out;
}

/** No item in two albums, no album over capacity, every unit's recorded album holds it. */
function expectPlacedOnce(sink: FakeSink, state: SessionState | null) {
  const all = [...sink.albumItems.values()].flat();
  expect(new Set(all).size).toBe(all.length);
  for (const ids of sink.albumItems.values()) {
    expect(ids.length).toBeLessThanOrEqual(sink.limits.albumCapacity!);
  }
  for (const item of Object.values(state!.items)) {
    if (item.status !== 'created') continue;
    expect(sink.albumItems.get(item.albumId!)).toContain(item.mediaItemId);
  }
}

describe('album capacity', () => {
  it('names the next albums "Title (2)", "Title (3)", within 500 characters', () => {
    expect(albumTitle('GoPro', 1)).toBe('GoPro');
    expect(albumTitle('GoPro', 3)).toBe('GoPro (3)');
    expect(albumTitle('x'.repeat(500), 12)).toHaveLength(500);
  });

  it('continues a session into "Title (2)" when the album is full, recording each album', async () => {
    const sink = smallAlbums(3);
    const backend = createMemoryBackend();
    const summary = await engine({ source: new FakeSource(units(7)), sink, backend }).run({
      sessionId: 'cross',
      range,
      album: 'GoPro',
    });
    expect(summary.complete).toBe(true);
    expect(fill(sink)).toEqual({ GoPro: 3, 'GoPro (2)': 3, 'GoPro (3)': 1 });
    const state = await backend.load('cross');
    expect(state?.albums?.map((a) => a.title)).toEqual(['GoPro', 'GoPro (2)', 'GoPro (3)']);
    expect(summary.albums?.map((a) => [a.title, a.units])).toEqual([
      ['GoPro', 3],
      ['GoPro (2)', 3],
      ['GoPro (3)', 1],
    ]);
    expectPlacedOnce(sink, state);
  });

  it('counts what an earlier session already put in the album', async () => {
    const sink = smallAlbums(3);
    const backend = createMemoryBackend();
    await engine({ source: new FakeSource(units(2, 'a')), sink, backend }).run({
      sessionId: 'earlier',
      range,
      album: 'GoPro',
    });
    const summary = await engine({ source: new FakeSource(units(3, 'b')), sink, backend }).run({
      sessionId: 'later',
      range,
      album: 'GoPro',
    });
    expect(summary.complete).toBe(true);
    expect(fill(sink)).toEqual({ GoPro: 3, 'GoPro (2)': 2 });
    expectPlacedOnce(sink, await backend.load('later'));
  });

  it('settles a lost answer at the boundary without over-filling or using a second album', async () => {
    const sink = smallAlbums(3);
    const backend = createMemoryBackend();
    sink.loseCreateResponse = (call) =>
      call === 1
        ? new Q2gError('GPHOTOS_NETWORK', 'socket hang up', { retryable: true })
        : undefined;
    const summary = await engine({
      source: new FakeSource(units(5)),
      sink,
      backend,
      batchSize: 2,
    }).run({ sessionId: 'lost', range, album: 'GoPro' });
    expect(summary.complete).toBe(true);
    expect(sink.created).toHaveLength(5);
    expect(fill(sink)).toEqual({ GoPro: 3, 'GoPro (2)': 2 });
    expectPlacedOnce(sink, await backend.load('lost'));
  });

  it('counts units whose outcome is still open, so a late answer never over-fills', async () => {
    const sink = smallAlbums(3);
    const backend = createMemoryBackend();
    const listing = sink.listCreatedItems.bind(sink);
    sink.listCreatedItems = () => {
      throw new Q2gError('GPHOTOS_HTTP', 'mediaItems.list failed (HTTP 500)', { retryable: true });
    };
    sink.failCreate = (call) =>
      call === 1
        ? new Q2gError('GPHOTOS_NETWORK', 'socket hang up', { retryable: true })
        : new Q2gError('GPHOTOS_QUOTA_EXHAUSTED', 'Daily quota reached.');
    const run = () =>
      engine({ source: new FakeSource(units(5)), sink, backend, batchSize: 2 }).run({
        sessionId: 'open',
        range,
        album: 'GoPro',
      });
    const first = await run();
    expect(first.stopped?.code).toBe('GPHOTOS_QUOTA_EXHAUSTED');
    expect(first.counts).toMatchObject({ creating: 3 });
    sink.failCreate = undefined;
    expect((await run()).counts).toMatchObject({ creating: 3, created: 2 });
    sink.listCreatedItems = listing;
    expect((await run()).complete).toBe(true);
    expect(fill(sink)).toEqual({ GoPro: 3, 'GoPro (2)': 2 });
    expectPlacedOnce(sink, await backend.load('open'));
  });

  it('sends a unit whose create failed back to its first album, even after others filled the next', async () => {
    const sink = smallAlbums(3);
    const backend = createMemoryBackend();
    sink.itemResult = (item) =>
      item.key === 'm2#source'
        ? { key: item.key, outcome: 'failed', code: 'INTERNAL', message: 'no', retryable: false }
        : undefined;
    const source = () => new FakeSource(units(5));
    const first = await engine({ source: source(), sink, backend, batchSize: 3 }).run({
      sessionId: 'retry',
      range,
      album: 'GoPro',
    });
    expect(first.counts).toMatchObject({ created: 4, failed: 1 });
    sink.itemResult = undefined;
    const second = await engine({ source: source(), sink, backend, batchSize: 3 }).run({
      sessionId: 'retry',
      retryFailed: true,
    });
    expect(second.complete).toBe(true);
    const state = await backend.load('retry');
    expect(state?.items['m2#source']?.albumId).toBe(sink.albums.get('GoPro'));
    expect(fill(sink)).toEqual({ GoPro: 3, 'GoPro (2)': 2 });
    expectPlacedOnce(sink, state);
  });

  it('keeps each unit in the album it was sent to across a crash and a resume', async () => {
    const sink = smallAlbums(3);
    const store = createMemoryStore();
    const healthy = createMemoryBackend({ store });
    let crashed = false;
    let atCrash: SessionState | null = null;
    const crashing: SyncStateBackend = {
      ...healthy,
      capabilities: healthy.capabilities,
      load: (id) => healthy.load(id),
      save: (s) => healthy.save(s),
      saveChanges: async (change) => {
        if (!crashed && change.batches.some((b) => b.status === 'done')) {
          crashed = true;
          atCrash = await healthy.load('crash');
          throw new Q2gError('BACKEND_UNAVAILABLE', 'killed');
        }
        return healthy.saveChanges!(change);
      },
    };
    const first = await engine({
      source: new FakeSource(units(5)),
      sink,
      backend: crashing,
      batchSize: 2,
    }).run({ sessionId: 'crash', range, album: 'GoPro' });
    expect(first.stopped?.code).toBe('BACKEND_UNAVAILABLE');
    const sentBeforeCrash = Object.values((atCrash as SessionState | null)!.items)
      .filter((item) => item.status === 'creating')
      .map((item) => [item.key, item.albumId]);
    expect(sentBeforeCrash.length).toBeGreaterThan(0);
    const backend = createMemoryBackend({ store });
    const second = await engine({
      source: new FakeSource(units(5)),
      sink,
      backend,
      batchSize: 2,
    }).run({ sessionId: 'crash' });
    expect(second.complete).toBe(true);
    const state = await backend.load('crash');
    for (const [key, albumId] of sentBeforeCrash) expect(state?.items[key!]?.albumId).toBe(albumId);
    expect(sink.created).toHaveLength(5);
    expectPlacedOnce(sink, state);
  });
});
