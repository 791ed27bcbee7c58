import { describe, expect, it } from 'vitest';
import { Q2gError } from '../errors/q2g-error.js';
import { GoProToPhotosSync } from '../sync/go-pro-to-photos-sync.js';
import { FakeSink } from '../testing/fake-sink.js';
import { FakeSource, fakeUnit } from '../testing/fake-source.js';
import { createMemoryBackend } from '../testing/memory-backend.js';

const range = { from: '2025-01-01T00:00:00.000Z', to: '2025-12-31T23:59:59.999Z' };
const units = [1, 2, 3].map((i) => fakeUnit(`new${i}#source`, 1_000 + i));

/** Adds `count` items made elsewhere, in `albumId` when given. */
function addItems(sink: FakeSink, count: number, prefix: string, albumId?: string): void {
  for (let i = 0; i < count; i++) {
    const id = `${prefix}-${i}`;
    sink.created.push({ id, fileName: `${prefix}${i}.JPG`, sha256: id, albumId: albumId ?? null });
    if (albumId) sink.albumItems.get(albumId)!.push(id);
  }
}

/** A library of 20,000 items plus an album "GoPro" of 5,000; the first create answer is lost. */
function bigLibrary(afterLoss: (sink: FakeSink) => void = () => {}): FakeSink {
  const sink = new FakeSink();
  sink.albums.set('GoPro', 'album-1');
  sink.albumItems.set('album-1', []);
  addItems(sink, 20_000, 'lib');
  addItems(sink, 5_000, 'old', 'album-1');
  sink.loseCreateResponse = (call) => {
    if (call !== 1) return undefined;
    afterLoss(sink);
    return new Q2gError('GPHOTOS_NETWORK', 'socket hang up', { retryable: true });
  };
  return sink;
}

async function run(sink: FakeSink) {
  const backend = createMemoryBackend();
  const summary = await new GoProToPhotosSync({
    source: new FakeSource(units),
    sink,
    backend,
  }).run({ sessionId: 'lost', range, album: 'GoPro' });
  return { summary, state: await backend.load('lost') };
}

describe('reconciling a lost answer within a page bound', () => {
  it('searches the batch’s album: 5,000 items settle in the 51 pages it takes', async () => {
    const sink = bigLibrary();
    const { summary, state } = await run(sink);
    expect(summary.complete).toBe(true);
    expect(sink.createCalls).toHaveLength(1);
    expect(sink.listPages).toBe(51);
    for (const unit of units) {
      expect(state?.items[unit.key]?.albumId).toBe('album-1');
      expect(state?.items[unit.key]?.mediaItemId).toBeDefined();
    }
    expect(sink.created).toHaveLength(25_003);
  });

  it('stops listing as soon as every unit is found', async () => {
    const sink = bigLibrary((s) => addItems(s, 1_000, 'later', 'album-1'));
    const { summary } = await run(sink);
    expect(summary.complete).toBe(true);
    expect(sink.listPages).toBe(51); // of 61
    expect(sink.createCalls).toHaveLength(1);
  });

  it('leaves the units uncertain, never sent again, when the bound comes first', async () => {
    const sink = bigLibrary();
    sink.maxListPages = 10;
    const { summary, state } = await run(sink);
    expect(summary.complete).toBe(false);
    expect(sink.listPages).toBe(10);
    expect(sink.createCalls).toHaveLength(1);
    expect(sink.created).toHaveLength(25_003);
    for (const unit of units) {
      const item = state?.items[unit.key];
      expect(item?.status).toBe('failed');
      expect(item?.error?.code).toBe('SYNC_CREATE_UNCERTAIN');
      expect(item?.error?.message).toContain('page bound');
      expect(item?.error?.message).toContain('q2google retry');
    }
  });
});
