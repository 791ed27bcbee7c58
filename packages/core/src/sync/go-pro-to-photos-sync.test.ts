import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Q2gError } from '../errors/q2g-error.js';
import type { SessionState } from '../model/session-state.js';
import type { SyncStateBackend } from '../protocol/state-backend.js';
import { FakeSink } from '../testing/fake-sink.js';
import { FakeSource, fakeBytes, fakeUnit } from '../testing/fake-source.js';
import { createMemoryBackend, createMemoryStore } from '../testing/memory-backend.js';
import type { SyncEngineOptions } from './engine-options.js';
import { GoProToPhotosSync } from './go-pro-to-photos-sync.js';
import type { SyncEvent } from './sync-events.js';

const range = { from: '2025-01-01T00:00:00.000Z', to: '2025-12-31T23:59:59.999Z' };
const sha = (key: string, size: number) =>
  createHash('sha256')
    .update(fakeBytes(key, 0, size))
    .digest('hex');

function library(count: number, size = 5_000) {
  return Array.from({ length: count }, (_, i) => fakeUnit(`m${i}#source`, size + i));
}

function engine(
  options: Partial<SyncEngineOptions> & Pick<SyncEngineOptions, 'source' | 'sink' | 'backend'>,
) {
  return new GoProToPhotosSync({ concurrency: 3, ...options });
}

/** Every unit created exactly once in the sink, with the right bytes. */
function expectExactlyOnce(
  sink: FakeSink,
  units: { key: string; size: number | null; fileName: string }[],
) {
  const hashes = sink.created.map((c) => c.sha256);
  expect(new Set(hashes).size).toBe(hashes.length);
  for (const unit of units) {
    expect(
      sink.created.filter((c) => c.sha256 === sha(unit.key, unit.size ?? 0)).map((c) => c.fileName),
    ).toEqual([unit.fileName]);
  }
}

/**
 * Uploads two units in a run the daily quota stops before create, moves the clock on by what
 * `later` returns (it may also change the sink), and resumes the session.
 */
async function resumeAfterQuota(sessionId: string, later: (sink: FakeSink) => number) {
  const units = library(2);
  const sink = new FakeSink();
  const backend = createMemoryBackend();
  let clock = Date.parse('2026-03-01T00:00:00.000Z');
  const now = () => new Date(clock);
  sink.now = now;
  sink.failCreate = () => new Q2gError('GPHOTOS_QUOTA_EXHAUSTED', 'Daily quota reached.');
  await engine({ source: new FakeSource(units), sink, backend, now }).run({ sessionId, range });
  expect(sink.tokens.size).toBe(2);
  sink.failCreate = undefined;
  clock += later(sink);
  const summary = await engine({ source: new FakeSource(units), sink, backend, now }).run({
    sessionId,
  });
  return { sink, units, summary };
}

/** Both units were uploaded again and created once; their first tokens were never sent. */
function expectReuploadedNotSent(sink: FakeSink, units: ReturnType<typeof library>) {
  expect(sink.tokens.size).toBe(4);
  const sent = sink.createCalls
    .slice(1)
    .flat()
    .map((i) => i.uploadToken);
  expect(sent.some((t) => t === 'tok-1' || t === 'tok-2')).toBe(false);
  expectExactlyOnce(sink, units);
}

/** A backend with only the seed's two methods. */
function twoMethodBackend(): SyncStateBackend & { saves: number } {
  const stored = new Map<string, string>();
  return {
    saves: 0,
    async load(id) {
      const text = stored.get(id);
      return text ? (JSON.parse(text) as SessionState) : null;
    },
    async save(state) {
      this.saves += 1;
      stored.set(state.id, JSON.stringify(state));
    },
  };
}

describe('the sync engine', () => {
  it('creates every unit exactly once with its bytes and name, in the album, skipping as decided', async () => {
    const units = [
      ...library(7),
      fakeUnit('big#source', 300_000),
      fakeUnit('edit#render', 10, { skip: { reason: 'unsupported-type', detail: '.360 file' } }),
    ];
    const sink = new FakeSink();
    const events: SyncEvent[] = [];
    const summary = await engine({
      source: new FakeSource(units),
      sink,
      backend: createMemoryBackend(),
      onEvent: (e) => events.push(e),
    }).run({
      sessionId: 's1',
      range,
      album: 'GoPro',
    });
    expectExactlyOnce(sink, units.slice(0, 7));
    expect(sink.created.every((c) => c.albumId === 'album-1')).toBe(true);
    expect(summary).toMatchObject({
      complete: true,
      createdThisRun: 7,
      counts: { created: 7, skipped: 2 },
      skippedByReason: { 'too-large': 1, 'unsupported-type': 1 },
      failures: [],
    });
    expect(summary.bytesTransferred).toBe(units.slice(0, 7).reduce((n, u) => n + (u.size ?? 0), 0));
    const types = new Set(events.map((e) => e.type));
    for (const type of [
      'session',
      'stage-started',
      'discovery-page',
      'unit-started',
      'bytes',
      'unit-done',
      'stage-done',
      'summary',
    ]) {
      expect(types).toContain(type);
    }
  });

  it('works with a backend that has only load and save', async () => {
    const units = library(5);
    const sink = new FakeSink();
    const backend = twoMethodBackend();
    const summary = await engine({ source: new FakeSource(units), sink, backend }).run({
      sessionId: 'plain',
      range,
    });
    expect(summary.complete).toBe(true);
    expectExactlyOnce(sink, units);
    const stored = await backend.load('plain');
    expect(Object.values(stored!.items).every((i) => i.status === 'created')).toBe(true);
  });

  it('reconciles a create call whose response was lost instead of sending it again', async () => {
    const units = library(4);
    const sink = new FakeSink();
    sink.loseCreateResponse = (call) =>
      call === 1
        ? new Q2gError('GPHOTOS_NETWORK', 'socket hang up', { retryable: true })
        : undefined;
    const summary = await engine({
      source: new FakeSource(units),
      sink,
      backend: createMemoryBackend(),
    }).run({ sessionId: 'lost', range });
    expect(summary.complete).toBe(true);
    expect(sink.createCalls).toHaveLength(1);
    expectExactlyOnce(sink, units);
  });

  it('leaves a batch open when Google cannot be asked about it, and settles it next run', async () => {
    const units = library(4);
    const sink = new FakeSink();
    const backend = createMemoryBackend();
    sink.loseCreateResponse = (call) =>
      call === 1
        ? new Q2gError('GPHOTOS_NETWORK', 'socket hang up', { retryable: true })
        : undefined;
    const listing = sink.listCreatedItems.bind(sink);
    sink.listCreatedItems = () => {
      throw new Q2gError('GPHOTOS_HTTP', 'mediaItems.list failed (HTTP 500)', { retryable: true });
    };
    const first = await engine({ source: new FakeSource(units), sink, backend }).run({
      sessionId: 'open',
      range,
    });
    expect(first).toMatchObject({ complete: false, counts: { creating: 4 } });
    expect(first.stopped).toBeUndefined();
    sink.listCreatedItems = listing;
    const second = await engine({ source: new FakeSource(units), sink, backend }).run({
      sessionId: 'open',
    });
    expect(second.complete).toBe(true);
    expect(sink.createCalls).toHaveLength(1);
    expectExactlyOnce(sink, units);
  });

  it('resumes after a crash between a create call and its save without creating twice', async () => {
    const units = library(6);
    const sink = new FakeSink();
    const store = createMemoryStore();
    const healthy = createMemoryBackend({ store });
    let crashed = false;
    const crashing: SyncStateBackend = {
      ...healthy,
      capabilities: healthy.capabilities,
      load: (id) => healthy.load(id),
      save: (s) => healthy.save(s),
      saveChanges: async (change) => {
        if (!crashed && change.batches.some((b) => b.status === 'done')) {
          crashed = true;
          throw new Q2gError('BACKEND_UNAVAILABLE', 'killed');
        }
        return healthy.saveChanges!(change);
      },
    };
    const first = await engine({
      source: new FakeSource(units),
      sink,
      backend: crashing,
      batchSize: 2,
    }).run({ sessionId: 'crash', range });
    expect(first.stopped?.code).toBe('BACKEND_UNAVAILABLE');
    expect(sink.created.length).toBeGreaterThan(0);
    const second = await engine({
      source: new FakeSource(units),
      sink,
      backend: createMemoryBackend({ store }),
      batchSize: 2,
    }).run({
      sessionId: 'crash',
    });
    expect(second.complete).toBe(true);
    expectExactlyOnce(sink, units);
  });

  it('sends no unit to create before its upload token is saved, though lanes do not wait for that save', async () => {
    const units = library(7);
    const sink = new FakeSink();
    const store = createMemoryStore();
    const backend = createMemoryBackend({ store });
    const sentUnsaved: string[] = [];
    sink.failCreate = (call) => {
      for (const item of sink.createCalls[call - 1]!) {
        const saved = store.sessions.get('durable')?.items.get(item.key);
        if (saved?.uploadToken !== item.uploadToken) sentUnsaved.push(item.key);
      }
      return undefined;
    };
    // A save slice far longer than the run: no `uploaded` state is saved by its own flush.
    const summary = await engine({
      source: new FakeSource(units),
      sink,
      backend,
      batchSize: 2,
      saveSliceMs: 600_000,
    }).run({ sessionId: 'durable', range });
    expect(summary.complete).toBe(true);
    expect(sink.createCalls.flat()).toHaveLength(7);
    expect(sentUnsaved).toEqual([]);
    expectExactlyOnce(sink, units);
  });

  it('stops cleanly on a daily quota, saved, saying when to resume, and finishes next run', async () => {
    const units = library(3);
    const sink = new FakeSink();
    const backend = createMemoryBackend();
    sink.failCreate = () =>
      new Q2gError('GPHOTOS_QUOTA_EXHAUSTED', 'Daily quota reached.', {
        details: { resumeAt: '2026-01-02T08:00:00.000Z' },
      });
    const first = await engine({ source: new FakeSource(units), sink, backend }).run({
      sessionId: 'quota',
      range,
    });
    expect(first.stopped).toMatchObject({
      code: 'GPHOTOS_QUOTA_EXHAUSTED',
      resumeAt: '2026-01-02T08:00:00.000Z',
    });
    expect(first.complete).toBe(false);
    sink.failCreate = undefined;
    const uploadsBefore = sink.tokens.size;
    const second = await engine({ source: new FakeSource(units), sink, backend }).run({
      sessionId: 'quota',
    });
    expect(second.complete).toBe(true);
    expect(sink.tokens.size).toBe(uploadsBefore);
    expectExactlyOnce(sink, units);
  });

  it('stops on cancellation with state saved and resumes to the end', async () => {
    const units = library(12);
    const sink = new FakeSink();
    const backend = createMemoryBackend();
    const controller = new AbortController();
    const summary = await engine({
      source: new FakeSource(units),
      sink,
      backend,
      onEvent: (e) => {
        if (e.type === 'unit-done') controller.abort();
      },
    }).run({ sessionId: 'cancel', range }, controller.signal);
    expect(summary.stopped?.code).toBe('SYNC_ABORTED');
    expect(summary.counts.failed ?? 0).toBe(0);
    const resumed = await engine({ source: new FakeSource(units), sink, backend }).run({
      sessionId: 'cancel',
    });
    expect(resumed.complete).toBe(true);
    expectExactlyOnce(sink, units);
  });

  it('keeps a failed unit with its error and attempts, retrying it next run up to the cap', async () => {
    const units = library(3);
    const source = new FakeSource(units);
    const sink = new FakeSink();
    const backend = createMemoryBackend();
    source.failOpen = (unit) =>
      unit.key === 'm1#source'
        ? new Q2gError('GOPRO_HTTP', 'HTTP 503', { retryable: true })
        : undefined;
    const first = await engine({ source, sink, backend, maxAttempts: 2 }).run({
      sessionId: 'retry',
      range,
    });
    expect(first.failures).toMatchObject([
      { code: 'GOPRO_HTTP', count: 1, retryable: true, keys: ['m1#source'] },
    ]);
    const second = await engine({ source, sink, backend, maxAttempts: 2 }).run({
      sessionId: 'retry',
    });
    expect((await backend.load('retry'))!.items['m1#source']).toMatchObject({
      status: 'failed',
      attempts: 2,
    });
    const third = await engine({ source, sink, backend, maxAttempts: 2 }).run({
      sessionId: 'retry',
    });
    expect(source.opens.filter((o) => o.key === 'm1#source')).toHaveLength(2);
    expect([second.complete, third.failures[0]?.count]).toEqual([false, 1]);
    source.failOpen = undefined;
    const forced = await engine({ source, sink, backend, maxAttempts: 2 }).run({
      sessionId: 'retry',
      retryFailed: true,
    });
    expect(forced.complete).toBe(true);
    expectExactlyOnce(sink, units);
  });

  it('does not retry a permanent failure unless asked to', async () => {
    const units = library(2);
    const source = new FakeSource(units);
    const sink = new FakeSink();
    const backend = createMemoryBackend();
    source.failOpen = (unit) =>
      unit.key === 'm0#source' ? new Q2gError('GOPRO_NOT_FOUND', 'gone') : undefined;
    await engine({ source, sink, backend }).run({ sessionId: 'perm', range });
    source.failOpen = undefined;
    const again = await engine({ source, sink, backend }).run({ sessionId: 'perm' });
    expect(again.failures).toMatchObject([{ code: 'GOPRO_NOT_FOUND', retryable: false }]);
    const retried = await engine({ source, sink, backend }).run({
      sessionId: 'perm',
      retryFailed: true,
    });
    expect(retried.complete).toBe(true);
  });

  it('uploads again when an upload token expired before create', async () => {
    const { sink, units, summary } = await resumeAfterQuota('expiry', () => 2 * 86_400_000);
    expect(summary.complete).toBe(true);
    expectReuploadedNotSent(sink, units);
  });

  it("uses the sink's token margin: a token with less left than the sink accepts is uploaded again, never sent", async () => {
    // 20 minutes left: more than a 10-minute margin, less than the sink's 30.
    const { sink, units, summary } = await resumeAfterQuota('margin', (sink) => {
      sink.limits.uploadTokenMinRemainingMs = 30 * 60_000;
      return sink.limits.uploadTokenTtlMs - 20 * 60_000;
    });
    expect(summary.complete).toBe(true);
    expect(sink.refusedTokens).toEqual([]);
    expectReuploadedNotSent(sink, units);
  });

  it('re-uploads units whose token Google rejects, and retries retryable per-item failures', async () => {
    const units = library(4);
    const sink = new FakeSink();
    let flaky = 0;
    sink.itemResult = (item) => {
      if (item.key === 'm1#source' && item.uploadToken === 'tok-2') {
        return {
          key: item.key,
          outcome: 'failed',
          code: '3',
          message: 'invalid token',
          retryable: false,
          reupload: true,
        };
      }
      if (item.key === 'm2#source' && flaky++ === 0) {
        return {
          key: item.key,
          outcome: 'failed',
          code: '13',
          message: 'internal',
          retryable: true,
        };
      }
      return undefined;
    };
    const summary = await engine({
      source: new FakeSource(units),
      sink,
      backend: createMemoryBackend(),
      concurrency: 1,
    }).run({
      sessionId: 'items',
      range,
    });
    expect(summary.complete).toBe(true);
    expectExactlyOnce(sink, units);
  });

  it('skips in a second session what another session already created', async () => {
    const units = library(6);
    const sink = new FakeSink();
    const backend = createMemoryBackend();
    await engine({ source: new FakeSource(units.slice(0, 4)), sink, backend }).run({
      sessionId: 'first',
      range,
    });
    const second = await engine({ source: new FakeSource(units), sink, backend }).run({
      sessionId: 'second',
      range,
    });
    expect(second).toMatchObject({
      createdThisRun: 2,
      skippedByReason: { 'already-synced': 4 },
      complete: true,
    });
    expectExactlyOnce(sink, units);
  });

  it('refuses to resume a session with a different range', async () => {
    const backend = createMemoryBackend();
    const run = (r: typeof range) =>
      engine({ source: new FakeSource(library(1)), sink: new FakeSink(), backend }).run({
        sessionId: 'mm',
        range: r,
      });
    await run(range);
    await expect(run({ ...range, to: '2026-01-01T00:00:00.000Z' })).rejects.toMatchObject({
      code: 'SYNC_SESSION_MISMATCH',
    });
  });

  it('passes on what the source warns about a page', async () => {
    const source = new FakeSource(library(2));
    const listUnits = source.listUnits.bind(source);
    source.listUnits = async function* (request) {
      for await (const page of listUnits(request))
        yield { ...page, warnings: ['page 1 came back short'] };
    };
    const events: SyncEvent[] = [];
    await engine({
      source,
      sink: new FakeSink(),
      backend: createMemoryBackend(),
      onEvent: (e) => events.push(e),
    }).run({
      sessionId: 'warn',
      range,
      dryRun: true,
    });
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'warning', message: 'page 1 came back short' }),
    );
  });

  it('only discovers on a dry run', async () => {
    const sink = new FakeSink();
    const summary = await engine({
      source: new FakeSource(library(4)),
      sink,
      backend: createMemoryBackend(),
    }).run({
      sessionId: 'dry',
      range,
      dryRun: true,
    });
    expect(summary.counts).toEqual({ discovered: 4 });
    expect(summary.bytesRemaining).toBe(4 * 5_000 + 6);
    expect(sink.tokens.size).toBe(0);
  });
});
