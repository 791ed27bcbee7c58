/** Round trip: whatever is saved loads back exactly, field for field, in every status. */
import { buildBatch, buildItem, buildSession, randomSessionId } from '../fixtures.js';
import { type GroupInput, using } from '../harness.js';

/** Registers the `round-trip` group. */
export function roundTripGroup(input: GroupInput): void {
  const { api, options, ctx, capabilities } = input;
  const { describe, test, expect } = api;
  const open = () => options.create(ctx);

  describe('round-trip', () => {
    test('loading an unknown session id gives null', async () => {
      await using(open, async (backend) => {
        expect(await backend.load(randomSessionId('missing'))).toBeNull();
      });
    });

    test('a session with units and batches in every status loads back exactly', async () => {
      const state = buildSession({ items: 21, batches: 3, album: 'Été 2024 🏄' });
      await using(open, async (backend) => {
        await backend.save(state);
        const loaded = await backend.load(state.id);
        expect(loaded).toStrictEqual(state);
      });
    });

    test('sizes above 2^32, null sizes, unicode and emoji names survive unchanged', async () => {
      const state = buildSession({ items: 7 });
      const item = state.items['unit-0']!;
      state.items['unit-0'] = { ...item, size: 74_000_000_000, fileName: 'ski 🎿 día ñ 日本.MP4' };
      state.items['unit-6'] = { ...state.items['unit-6']!, size: null };
      await using(open, async (backend) => {
        await backend.save(state);
        const loaded = await backend.load(state.id);
        expect(loaded?.items['unit-0']?.size).toBe(74_000_000_000);
        expect(loaded?.items['unit-0']?.fileName).toBe('ski 🎿 día ñ 日本.MP4');
        expect(loaded?.items['unit-6']?.size).toBeNull();
        expect(loaded).toStrictEqual(state);
      });
    });

    test('album null and album set are both kept, with the source options JSON', async () => {
      const none = buildSession({ album: null });
      const some = buildSession({ album: 'Trips' });
      await using(open, async (backend) => {
        await backend.save(none);
        await backend.save(some);
        expect((await backend.load(none.id))?.options).toStrictEqual(none.options);
        expect((await backend.load(none.id))?.albumId).toBeNull();
        expect((await backend.load(some.id))?.options.album).toBe('Trips');
        expect((await backend.load(some.id))?.albumId).toBe('album-id-42');
        expect((await backend.load(some.id))?.albums).toStrictEqual(some.albums);
      });
    });

    test('an optional meta field (quotaBlockedUntil) is kept, by save and by saveChanges', async () => {
      const state = {
        ...buildSession({ items: 2 }),
        quotaBlockedUntil: '2026-03-02T08:00:00.000Z',
      };
      await using(open, async (backend) => {
        await backend.save(state);
        expect(await backend.load(state.id)).toStrictEqual(state);
        if (!capabilities.incrementalSave) return;
        const { items: _i, batches: _b, ...meta } = state;
        const later = { ...meta, quotaBlockedUntil: '2026-03-03T08:00:00.000Z' };
        await backend.saveChanges!({ sessionId: state.id, meta: later, items: [], batches: [] });
        expect(await backend.load(state.id)).toStrictEqual({ ...state, ...later });
      });
    });

    test("each unit's album is kept (the album it was first sent to)", async () => {
      const state = buildSession({ items: 8, album: 'Trips' });
      const placed = Object.values(state.items).filter((item) => item.albumId);
      expect(placed.length).toBeGreaterThan(0);
      await using(open, async (backend) => {
        await backend.save(state);
        const loaded = await backend.load(state.id);
        for (const item of placed) expect(loaded?.items[item.key]?.albumId).toBe(item.albumId);
      });
    });

    test('an empty session (no units, no batches) round-trips', async () => {
      const state = buildSession({ items: 0, batches: 0 });
      state.discovery = { status: 'running', cursor: 'cursor/é+=', unitsFound: 0 };
      await using(open, async (backend) => {
        await backend.save(state);
        expect(await backend.load(state.id)).toStrictEqual(state);
      });
    });

    test('saving again replaces the session: changed, added and removed units', async () => {
      const state = buildSession({ items: 6, batches: 1 });
      await using(open, async (backend) => {
        await backend.save(state);
        const next = structuredClone(state);
        delete next.items['unit-5'];
        next.items['unit-0'] = buildItem('failed', 0);
        next.items['unit-new'] = buildItem('discovered', 9, { key: 'unit-new' });
        next.batches = { 'batch-9': buildBatch('batch-9', ['unit-0'], 'sent') };
        next.updatedAt = '2025-01-01T00:00:00.000Z';
        await backend.save(next);
        expect(await backend.load(state.id)).toStrictEqual(next);
      });
    });

    test('sessions are independent: saving one does not touch another', async () => {
      const a = buildSession({ items: 3 });
      const b = buildSession({ items: 4 });
      await using(open, async (backend) => {
        await backend.save(a);
        await backend.save(b);
        await backend.save({ ...b, items: {} });
        expect(await backend.load(a.id)).toStrictEqual(a);
      });
    });

    test('the caller mutating a saved or loaded object does not change what is stored', async () => {
      const state = buildSession({ items: 3 });
      const original = structuredClone(state);
      await using(open, async (backend) => {
        await backend.save(state);
        state.items['unit-0']!.attempts = 99;
        const loaded = await backend.load(state.id);
        loaded!.items['unit-1']!.attempts = 42;
        expect(await backend.load(state.id)).toStrictEqual(original);
      });
    });
  });
}
