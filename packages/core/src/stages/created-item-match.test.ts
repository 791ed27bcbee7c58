import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Q2gError } from '../errors/q2g-error.js';
import { createItemState } from '../model/session-document.js';
import { GoProToPhotosSync } from '../sync/go-pro-to-photos-sync.js';
import { FakeSink } from '../testing/fake-sink.js';
import { FakeSource, fakeBytes, fakeUnit } from '../testing/fake-source.js';
import { createMemoryBackend } from '../testing/memory-backend.js';
import { matchCreatedItems } from './created-item-match.js';

const range = { from: '2025-01-01T00:00:00.000Z', to: '2025-12-31T23:59:59.999Z' };
const sha = (key: string, size: number) =>
  createHash('sha256')
    .update(fakeBytes(key, 0, size))
    .digest('hex');

/** Two cameras' GOPR0001.JPG, captured at `times`. */
const twins = (times: [string, string]) => [
  fakeUnit('a#source', 1_000, { fileName: 'GOPR0001.JPG', capturedAt: times[0] }),
  fakeUnit('b#source', 1_001, { fileName: 'GOPR0001.JPG', capturedAt: times[1] }),
];

/** A sink whose first create call applies and then loses its answer. */
function losingFirstAnswer(): FakeSink {
  const sink = new FakeSink();
  sink.loseCreateResponse = (call) =>
    call === 1 ? new Q2gError('GPHOTOS_NETWORK', 'socket hang up', { retryable: true }) : undefined;
  return sink;
}

describe('reconciling a lost create answer with camera file names', () => {
  it('gives two units of the same name the items of their own capture times', async () => {
    const units = twins(['2025-03-01T10:00:00.000Z', '2025-04-01T10:00:00.000Z']);
    const sink = losingFirstAnswer();
    const backend = createMemoryBackend();
    const summary = await new GoProToPhotosSync({
      source: new FakeSource(units),
      sink,
      backend,
    }).run({ sessionId: 'twins', range });
    expect(summary.complete).toBe(true);
    expect(sink.createCalls).toHaveLength(1);
    const state = await backend.load('twins');
    for (const unit of units) {
      const made = sink.created.find((item) => item.sha256 === sha(unit.key, unit.size!));
      expect(state?.items[unit.key]?.mediaItemId).toBe(made?.id);
    }
  });

  it('reports units it cannot tell apart as uncertain, with what to do, and sends nothing again', async () => {
    const units = twins(['2025-03-01T10:00:00.000Z', '2025-03-01T10:00:00.000Z']);
    const sink = losingFirstAnswer();
    const backend = createMemoryBackend();
    const run = () =>
      new GoProToPhotosSync({ source: new FakeSource(units), sink, backend }).run({
        sessionId: 'ambiguous',
        range,
      });
    const summary = await run();
    expect(summary.counts).toEqual({ failed: 2 });
    expect(summary.failures).toMatchObject([
      { code: 'SYNC_CREATE_UNCERTAIN', count: 2, retryable: false },
    ]);
    expect(summary.failures[0]?.message).toMatch(/GOPR0001\.JPG.*q2google retry/);
    await run();
    expect(sink.createCalls).toHaveLength(1);
    expect(sink.created).toHaveLength(2);
  });
});

describe('matchCreatedItems', () => {
  const unit = (key: string, capturedAt: string, status: 'creating' | 'uploaded' = 'creating') => ({
    ...createItemState(fakeUnit(key, 10, { fileName: 'GOPR0001.JPG', capturedAt })),
    status,
  });
  const listed = (id: string, creationTime?: string) => ({
    id,
    fileName: 'GOPR0001.JPG',
    mimeType: 'image/jpeg',
    ...(creationTime ? { creationTime } : {}),
  });

  it('matches on name and capture time to the second, and on MIME type', () => {
    const x = unit('x#source', '2025-03-01T10:00:00.400Z');
    const matches = matchCreatedItems(
      [x],
      [
        listed('other-time', '2025-03-01T10:00:01Z'),
        { ...listed('other-type', '2025-03-01T10:00:00Z'), mimeType: 'video/mp4' },
        listed('it', '2025-03-01T10:00:00Z'),
      ],
      [x],
    );
    expect(matches.get(x.key)).toMatchObject({ kind: 'created', item: { id: 'it' } });
  });

  it('is uncertain when the one candidate could be another open unit', () => {
    const x = unit('x#source', '2025-03-01T10:00:00Z');
    const notSentYet = unit('y#source', '2025-03-01T10:00:00Z', 'uploaded');
    const matches = matchCreatedItems([x], [listed('it', '2025-03-01T10:00:00Z')], [x, notSentYet]);
    expect(matches.get(x.key)).toMatchObject({ kind: 'uncertain' });
  });

  it('is uncertain when a listed item without a capture time could be another unit', () => {
    const x = unit('x#source', '2025-03-01T10:00:00Z');
    const y = unit('y#source', '2025-04-01T10:00:00Z');
    const matches = matchCreatedItems([x, y], [listed('it')], [x, y]);
    expect(matches.get(x.key)).toMatchObject({ kind: 'uncertain' });
    expect(matches.get(y.key)).toMatchObject({ kind: 'uncertain' });
  });

  it('never gives a unit an item another unit of the session already holds', () => {
    const x = unit('x#source', '2025-03-01T10:00:00Z');
    const holder = { ...createItemState(fakeUnit('h#source', 10)), mediaItemId: 'it' };
    const matches = matchCreatedItems([x], [listed('it', '2025-03-01T10:00:00Z')], [x, holder]);
    expect(matches.get(x.key)).toEqual({ kind: 'absent' });
  });
});
