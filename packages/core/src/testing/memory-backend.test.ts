import { describe, expect, test } from 'vitest';
import { createSessionState } from '../model/session-document.js';
import { createMemoryBackend } from './memory-backend.js';

const range = { from: '2024-01-01T00:00:00.000Z', to: '2024-02-01T00:00:00.000Z' };

describe('the in-memory backend', () => {
  test('declares every capability with shared concurrency', () => {
    expect(createMemoryBackend().capabilities).toEqual({
      incrementalSave: true,
      listSessions: true,
      ledger: true,
      requestCounts: true,
      leases: true,
      concurrency: 'shared',
    });
  });

  test('measures lease expiry on the injected clock, without sleeping', async () => {
    let now = 1_000;
    const backend = createMemoryBackend({ now: () => now });
    const state = createSessionState({ id: 's1', range });
    state.items.k = {
      key: 'k',
      mediaId: 'm',
      part: 'source',
      fileName: 'a.jpg',
      mimeType: 'image/jpeg',
      kind: 'photo',
      size: 1,
      capturedAt: range.from,
      status: 'discovered',
      attempts: 0,
      updatedAt: range.from,
    };
    await backend.save(state);
    const claim = { sessionId: 's1', limit: 5, statuses: ['discovered' as const], leaseMs: 500 };
    expect(await backend.claimItems!({ ...claim, workerId: 'a' })).toHaveLength(1);
    now += 499;
    expect(await backend.claimItems!({ ...claim, workerId: 'b' })).toHaveLength(0);
    now += 1;
    expect(await backend.claimItems!({ ...claim, workerId: 'b' })).toHaveLength(1);
    expect(await backend.renewLeases!('s1', 'a', ['k'], 500)).toEqual([]);
  });

  test('two backends without a shared store see nothing of each other', async () => {
    const a = createMemoryBackend();
    await a.save(createSessionState({ id: 's1', range }));
    expect(await createMemoryBackend().load('s1')).toBeNull();
  });
});
