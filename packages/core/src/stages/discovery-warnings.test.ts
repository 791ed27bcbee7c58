import { describe, expect, it } from 'vitest';
import { GoProToPhotosSync } from '../sync/go-pro-to-photos-sync.js';
import { FakeSink } from '../testing/fake-sink.js';
import { FakeSource, fakeUnit } from '../testing/fake-source.js';
import { createMemoryBackend } from '../testing/memory-backend.js';

const range = { from: '2025-01-01T00:00:00.000Z', to: '2025-12-31T23:59:59.999Z' };

/** A source of 7 units (3 pages) that warns on every page, the same gap warning twice. */
function warningSource() {
  const source = new FakeSource(Array.from({ length: 7 }, (_, i) => fakeUnit(`w${i}#source`, 900)));
  const listUnits = source.listUnits.bind(source);
  source.listUnits = async function* (request) {
    let page = 0;
    for await (const listed of listUnits(request)) {
      page += 1;
      const warning = page === 1 ? 'page 1 came back short' : 'the library changed: 1 missing';
      yield { ...listed, warnings: [warning] };
    }
  };
  return source;
}

describe('source warnings kept with the session', () => {
  it('are saved once each and reported in the summary of this and later runs', async () => {
    const backend = createMemoryBackend();
    const run = (dryRun: boolean) =>
      new GoProToPhotosSync({
        source: warningSource(),
        sink: new FakeSink(),
        backend,
        concurrency: 2,
      }).run({ sessionId: 'kept', range, dryRun });
    const expected = ['page 1 came back short', 'the library changed: 1 missing'];
    expect((await run(true)).warnings).toEqual(expected);
    expect((await backend.load('kept'))?.discovery.warnings).toEqual(expected);
    const later = await run(false);
    expect([later.complete, later.warnings]).toEqual([true, expected]);
  });

  it('are absent from a session whose source warned about nothing', async () => {
    const backend = createMemoryBackend();
    const summary = await new GoProToPhotosSync({
      source: new FakeSource([fakeUnit('q#source', 100)]),
      sink: new FakeSink(),
      backend,
    }).run({ sessionId: 'quiet', range });
    expect(summary.warnings).toEqual([]);
    expect((await backend.load('quiet'))?.discovery).not.toHaveProperty('warnings');
  });
});
