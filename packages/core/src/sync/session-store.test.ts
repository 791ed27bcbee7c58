import { describe, expect, it } from 'vitest';
import { createItemState, createSessionState } from '../model/session-document.js';
import type { SessionChange, SyncStateBackend } from '../protocol/state-backend.js';
import { fakeUnit } from '../testing/fake-source.js';
import { createMemoryBackend } from '../testing/memory-backend.js';
import { SessionStore } from './session-store.js';

const range = { from: '2025-01-01T00:00:00.000Z', to: '2025-12-31T23:59:59.999Z' };

/** A memory backend whose `saveChanges` calls are recorded and held until released. */
async function heldBackend() {
  const inner = createMemoryBackend();
  const state = createSessionState({ id: 's', range });
  for (let i = 0; i < 5; i++) {
    const item = createItemState(fakeUnit(`m${i}#source`, 1_000));
    state.items[item.key] = item;
  }
  await inner.save(state);
  const changes: SessionChange[] = [];
  const holds: (() => void)[] = [];
  const backend: SyncStateBackend = {
    ...inner,
    capabilities: inner.capabilities,
    load: (id) => inner.load(id),
    save: (s) => inner.save(s),
    saveChanges: async (change) => {
      changes.push(structuredClone(change));
      await new Promise<void>((resolve) => holds.push(resolve));
      await inner.saveChanges!(change);
    },
  };
  return { backend, state, changes, holds, inner };
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));
const upload = (store: SessionStore, key: string) =>
  store.transition(key, 'uploaded', {
    uploadToken: `tok-${key}`,
    uploadedAt: '2025-06-02T00:00:00.000Z',
    tokenExpiresAt: '2099-01-01T00:00:00.000Z',
    servedSize: 1_000,
  });

describe('SessionStore', () => {
  it('saves the changes of every lane made during a save in one next save', async () => {
    const { backend, state, changes, holds, inner } = await heldBackend();
    const store = new SessionStore(backend, state);
    upload(store, 'm0#source');
    const first = store.flush();
    await tick();
    expect(changes).toHaveLength(1);
    const lanes = ['m1#source', 'm2#source', 'm3#source'].map((key) => {
      upload(store, key);
      return store.flush();
    });
    holds[0]!();
    await first;
    await tick();
    expect(changes).toHaveLength(2);
    expect(changes[1]!.items.map((i) => i.key).sort()).toEqual([
      'm1#source',
      'm2#source',
      'm3#source',
    ]);
    holds[1]!();
    await Promise.all(lanes);
    expect(changes).toHaveLength(2);
    const saved = await inner.load('s');
    expect(saved?.items['m3#source']?.uploadToken).toBe('tok-m3#source');
  });

  it('holds a soon flush for its slice, and a plain flush takes it along at once', async () => {
    const { backend, state, changes, holds, inner } = await heldBackend();
    const store = new SessionStore(backend, state, { saveSliceMs: 60_000 });
    upload(store, 'm0#source');
    const soon = store.flushSoon();
    upload(store, 'm1#source');
    void store.flushSoon();
    await tick();
    expect(changes).toHaveLength(0);
    expect((await inner.load('s'))?.items['m0#source']?.status).toBe('discovered');
    const now = store.flush({ force: true });
    await tick();
    expect(changes).toHaveLength(1);
    expect(changes[0]!.items.map((i) => i.key).sort()).toEqual(['m0#source', 'm1#source']);
    holds[0]!();
    await Promise.all([soon, now]);
    expect((await inner.load('s'))?.items['m0#source']?.status).toBe('uploaded');
  });

  it('keeps the changes of a failed save for the next one', async () => {
    const { backend, state, changes, holds, inner } = await heldBackend();
    let fail = true;
    const failing: SyncStateBackend = {
      ...backend,
      capabilities: backend.capabilities,
      saveChanges: async (change) => {
        if (fail) {
          fail = false;
          throw new Error('disk full');
        }
        return backend.saveChanges!(change);
      },
    };
    const store = new SessionStore(failing, state);
    upload(store, 'm0#source');
    await expect(store.flush()).rejects.toThrow('disk full');
    expect(store.dirty).toBe(true);
    const retry = store.flush();
    await tick();
    holds[0]!();
    await retry;
    expect(changes[0]!.items.map((i) => i.key)).toEqual(['m0#source']);
    expect((await inner.load('s'))?.items['m0#source']?.status).toBe('uploaded');
  });

  it('knows the units in each status, loaded ones and changed ones alike', async () => {
    const { backend, state } = await heldBackend();
    const store = new SessionStore(backend, state);
    expect(store.keysIn('discovered')).toEqual([0, 1, 2, 3, 4].map((i) => `m${i}#source`));
    upload(store, 'm3#source');
    upload(store, 'm1#source');
    expect(store.keysIn('uploaded')).toEqual(['m3#source', 'm1#source']);
    expect(store.keysIn('discovered')).toEqual(['m0#source', 'm2#source', 'm4#source']);
    store.putItem(createItemState(fakeUnit('m1#source', 1_000)));
    store.putItem(createItemState(fakeUnit('m9#source', 1_000)));
    expect(store.keysIn('uploaded')).toEqual(['m3#source']);
    expect(store.keysIn('discovered')).toEqual([
      'm0#source',
      'm2#source',
      'm4#source',
      'm1#source',
      'm9#source',
    ]);
    expect(store.keysIn('created')).toEqual([]);
  });
});
