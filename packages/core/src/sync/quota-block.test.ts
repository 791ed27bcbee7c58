import { describe, expect, it } from 'vitest';
import { Q2gError } from '../errors/q2g-error.js';
import { FakeSink } from '../testing/fake-sink.js';
import { FakeSource, fakeUnit } from '../testing/fake-source.js';
import { createMemoryBackend, createMemoryStore } from '../testing/memory-backend.js';
import type { SyncEngineOptions } from './engine-options.js';
import { GoProToPhotosSync } from './go-pro-to-photos-sync.js';
import type { SyncRequest } from './sync-request.js';
import type { SyncSummary } from './sync-summary.js';
import { SyncWorker } from './sync-worker.js';

const range = { from: '2025-01-01T00:00:00.000Z', to: '2025-12-31T23:59:59.999Z' };
const resetAt = '2026-03-02T08:00:00.000Z';
const units = Array.from({ length: 3 }, (_, i) => fakeUnit(`m${i}#source`, 4_000 + i));

type Engine = { run(request: SyncRequest): Promise<SyncSummary> };
type Wiring = Pick<SyncEngineOptions, 'sink' | 'backend' | 'now'>;

const engines: [string, (wiring: Wiring) => Engine][] = [
  ['GoProToPhotosSync', (w) => new GoProToPhotosSync({ source: new FakeSource(units), ...w })],
  [
    'SyncWorker',
    (w) => new SyncWorker({ source: new FakeSource(units), ...w, workerId: 'w', pollMs: 5 }),
  ],
];

describe.each(engines)('a daily-quota stop, remembered (%s)', (_name, create) => {
  it('is recorded; a run before the reset makes no request, one after it finishes', async () => {
    let clock = Date.parse('2026-03-01T12:00:00.000Z');
    const now = () => new Date(clock);
    const sink = new FakeSink();
    sink.now = now;
    let requests = 0;
    sink.onRequest(() => requests++);
    const backend = createMemoryBackend({ store: createMemoryStore(() => clock) });
    sink.failCreate = () =>
      new Q2gError('GPHOTOS_QUOTA_EXHAUSTED', 'Daily quota reached.', {
        details: { resumeAt: resetAt },
      });
    const first = await create({ sink, backend, now }).run({ sessionId: 'q', range });
    expect(first.stopped).toMatchObject({ code: 'GPHOTOS_QUOTA_EXHAUSTED', resumeAt: resetAt });
    expect((await backend.load('q'))?.quotaBlockedUntil).toBe(resetAt);
    sink.failCreate = undefined;

    const before = requests;
    const createsBefore = sink.createCalls.length;
    clock = Date.parse(resetAt) - 60_000;
    const blocked = await create({ sink, backend, now }).run({ sessionId: 'q' });
    expect(blocked.stopped).toMatchObject({ code: 'GPHOTOS_QUOTA_EXHAUSTED', resumeAt: resetAt });
    expect(blocked.complete).toBe(false);
    expect(requests).toBe(before);
    expect(sink.createCalls.length).toBe(createsBefore);

    clock = Date.parse(resetAt) + 1;
    const after = await create({ sink, backend, now }).run({ sessionId: 'q' });
    expect(after.stopped).toBeUndefined();
    expect(after.complete).toBe(true);
    expect(sink.created).toHaveLength(units.length);
  });
});

describe('a quota stop the backend cannot record', () => {
  it('is still reported as the quota stop, with a warning', async () => {
    const inner = createMemoryBackend();
    const refusesBlock = (value: unknown) =>
      JSON.stringify(value).includes('quotaBlockedUntil')
        ? Promise.reject(new Q2gError('BACKEND_UNAVAILABLE', 'The database went away.'))
        : undefined;
    const backend = new Proxy(inner, {
      get(target, property, receiver) {
        const value: unknown = Reflect.get(target, property, receiver);
        if ((property !== 'save' && property !== 'saveChanges') || typeof value !== 'function') {
          return value;
        }
        return (arg: unknown) => refusesBlock(arg) ?? value.call(target, arg);
      },
    });
    const sink = new FakeSink();
    sink.failCreate = () =>
      new Q2gError('GPHOTOS_QUOTA_EXHAUSTED', 'Daily quota reached.', {
        details: { resumeAt: resetAt },
      });
    const warnings: string[] = [];
    const engine = new GoProToPhotosSync({
      source: new FakeSource(units),
      sink,
      backend,
      onEvent: (event) => {
        if (event.type === 'warning') warnings.push(event.message);
      },
    });
    const summary = await engine.run({ sessionId: 'q', range });
    expect(summary.stopped).toMatchObject({ code: 'GPHOTOS_QUOTA_EXHAUSTED', resumeAt: resetAt });
    expect(warnings).toEqual([
      'Could not remember until when the daily quota is used up: The database went away.',
    ]);
    expect((await inner.load('q'))?.quotaBlockedUntil).toBeUndefined();
  });
});

describe('a quota stop without a reset time', () => {
  it('records nothing, so the next run goes ahead', async () => {
    const sink = new FakeSink();
    const backend = createMemoryBackend();
    sink.failCreate = () => new Q2gError('GPHOTOS_QUOTA_EXHAUSTED', 'Daily quota reached.');
    const engine = () => new GoProToPhotosSync({ source: new FakeSource(units), sink, backend });
    await engine().run({ sessionId: 'q', range });
    expect((await backend.load('q'))?.quotaBlockedUntil).toBeUndefined();
    sink.failCreate = undefined;
    expect((await engine().run({ sessionId: 'q' })).complete).toBe(true);
  });
});
