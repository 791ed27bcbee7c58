import { describe, expect, it } from 'vitest';
import { Q2gError } from '../errors/q2g-error.js';
import type { SyncStateBackend } from '../protocol/state-backend.js';
import { FakeSink } from '../testing/fake-sink.js';
import { FakeSource, fakeUnit } from '../testing/fake-source.js';
import { createMemoryBackend, createMemoryStore } from '../testing/memory-backend.js';
import { SyncWorker } from './sync-worker.js';

const range = { from: '2025-01-01T00:00:00.000Z', to: '2025-12-31T23:59:59.999Z' };
const units = Array.from({ length: 40 }, (_, i) => fakeUnit(`w${i}#source`, 3_000 + i));

/** A backend handle that dies (every call fails) once `kill()` is called, like a killed process. */
function mortal(backend: SyncStateBackend) {
  let dead = false;
  const handle: Record<string, unknown> = { name: 'mortal', capabilities: backend.capabilities };
  for (const [name, value] of Object.entries(backend)) {
    if (typeof value !== 'function') continue;
    handle[name] = (...args: unknown[]) =>
      dead
        ? Promise.reject(new Q2gError('BACKEND_UNAVAILABLE', 'process killed'))
        : value.apply(backend, args);
  }
  return { backend: handle as unknown as SyncStateBackend, kill: () => (dead = true) };
}

describe('several workers on one session', () => {
  it('share the work and create every unit exactly once', async () => {
    const store = createMemoryStore();
    const sink = new FakeSink();
    const source = new FakeSource(units, 7);
    source.openDelayMs = 15;
    const workers = [0, 1, 2].map(
      (i) =>
        new SyncWorker({
          source,
          sink,
          backend: createMemoryBackend({ store }),
          workerId: `w${i}`,
          concurrency: 2,
          pollMs: 10,
          batchSize: 8,
        }),
    );
    const summaries = await Promise.all(workers.map((w) => w.run({ sessionId: 'shared', range })));
    expect(summaries.every((s) => s.complete)).toBe(true);
    expect(sink.created).toHaveLength(units.length);
    expect(new Set(sink.created.map((c) => c.fileName)).size).toBe(units.length);
    expect(summaries.reduce((n, s) => n + s.createdThisRun, 0)).toBe(units.length);
    const uploadsPerWorker = summaries.map((s) => s.bytesTransferred);
    expect(uploadsPerWorker.filter((b) => b > 0).length).toBeGreaterThan(1);
  });

  it('finish the units of a worker that died once its leases expire', async () => {
    const store = createMemoryStore();
    const sink = new FakeSink();
    const source = new FakeSource(units, 40);
    const doomed = mortal(createMemoryBackend({ store }));
    let started = 0;
    const victim = new SyncWorker({
      source,
      sink,
      backend: doomed.backend,
      workerId: 'victim',
      concurrency: 4,
      pollMs: 10,
      leaseMs: 300,
      onEvent: (e) => {
        if (e.type === 'unit-started' && ++started === 3) doomed.kill();
      },
    });
    const victimSummary = await victim.run({ sessionId: 'dies', range });
    expect(victimSummary.stopped?.code).toBe('BACKEND_UNAVAILABLE');
    const survivors = [1, 2].map(
      (i) =>
        new SyncWorker({
          source,
          sink,
          backend: createMemoryBackend({ store }),
          workerId: `s${i}`,
          pollMs: 20,
          leaseMs: 300,
        }),
    );
    const done = await Promise.all(survivors.map((w) => w.run({ sessionId: 'dies' })));
    expect(done.every((s) => s.complete)).toBe(true);
    expect(sink.created).toHaveLength(units.length);
    expect(new Set(sink.created.map((c) => c.sha256)).size).toBe(units.length);
  });

  it('upload again, rather than send, a token with less time left than the sink accepts', async () => {
    const store = createMemoryStore();
    const sink = new FakeSink();
    sink.limits.uploadTokenMinRemainingMs = 30 * 60_000;
    let clock = Date.parse('2026-03-01T00:00:00.000Z');
    const now = () => new Date(clock);
    sink.now = now;
    const worker = () =>
      new SyncWorker({
        source: new FakeSource(units.slice(0, 4)),
        sink,
        backend: createMemoryBackend({ store }),
        workerId: 'w',
        pollMs: 10,
        now,
      });
    sink.failCreate = () => new Q2gError('GPHOTOS_QUOTA_EXHAUSTED', 'Daily quota reached.');
    const first = await worker().run({ sessionId: 'margin', range });
    expect(first.stopped?.code).toBe('GPHOTOS_QUOTA_EXHAUSTED');
    expect(sink.tokens.size).toBe(4);
    sink.failCreate = undefined;
    // 20 minutes left: more than a 10-minute margin, less than the sink's 30.
    clock += sink.limits.uploadTokenTtlMs - 20 * 60_000;
    const second = await worker().run({ sessionId: 'margin' });
    expect(second.complete).toBe(true);
    expect(sink.refusedTokens).toEqual([]);
    expect(sink.tokens.size).toBe(8);
    expect(sink.created).toHaveLength(4);
  });

  it('refuse a backend without leases, saying what to use', async () => {
    const plain: SyncStateBackend = { load: async () => null, save: async () => {} };
    const worker = new SyncWorker({
      source: new FakeSource([]),
      sink: new FakeSink(),
      backend: plain,
    });
    await expect(worker.run({ sessionId: 'x', range })).rejects.toMatchObject({
      code: 'BACKEND_CAPABILITY_MISSING',
      message: expect.stringContaining('cannot share a session between workers (no leases)'),
    });
  });
});
