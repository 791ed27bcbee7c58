/** Incremental save: `saveChanges` stores exactly what changed and leaves the rest alone. */
import { transitionItem } from '@q2google/core';
import { buildBatch, buildItem, buildSession, instant, randomSessionId } from '../fixtures.js';
import { caught, expectCode, type GroupInput, skipGroup, using } from '../harness.js';

const TITLE = 'incremental-save';

/** Registers the `incremental-save` group (capability `incrementalSave`). */
export function incrementalSaveGroup(input: GroupInput): void {
  const { api, options, ctx, capabilities } = input;
  const { describe, test, expect } = api;
  if (!capabilities.incrementalSave) {
    skipGroup(api, TITLE, 'the backend does not declare incrementalSave with saveChanges()');
    return;
  }
  const open = () => options.create(ctx);
  const metaOf = (state: ReturnType<typeof buildSession>) => {
    const { items: _i, batches: _b, ...meta } = state;
    return meta;
  };

  describe(TITLE, () => {
    test('after saveChanges with one unit, that unit changed and all others are untouched', async () => {
      // What was rewritten in storage is checked by the `stored-records` group (`inspect`).
      const state = buildSession({ items: 40, batches: 2 });
      await using(open, async (backend) => {
        await backend.save(state);
        const moved = transitionItem(state.items['unit-0']!, 'uploading', {
          upload: { url: 'https://u.test/0', offset: 1024, startedAt: instant(7) },
        });
        const meta = { ...metaOf(state), updatedAt: instant(500) };
        await backend.saveChanges!({ sessionId: state.id, meta, items: [moved], batches: [] });
        const expected = { ...state, ...meta, items: { ...state.items, 'unit-0': moved } };
        expect(await backend.load(state.id)).toStrictEqual(expected);
      });
    });

    test('saveChanges adds new units and batches and updates the meta', async () => {
      const state = buildSession({ items: 5, batches: 1 });
      await using(open, async (backend) => {
        await backend.save(state);
        const added = buildItem('discovered', 77, { key: 'unit-added-ü' });
        const batch = buildBatch('batch-new', ['unit-0', 'unit-added-ü'], 'sent');
        const meta = {
          ...metaOf(state),
          discovery: { status: 'running' as const, cursor: 'page-2', unitsFound: 6 },
          updatedAt: instant(900),
        };
        await backend.saveChanges!({
          sessionId: state.id,
          meta,
          items: [added],
          batches: [batch],
        });
        expect(await backend.load(state.id)).toStrictEqual({
          ...state,
          ...meta,
          items: { ...state.items, [added.key]: added },
          batches: { ...state.batches, [batch.id]: batch },
        });
      });
    });

    test('a changed batch replaces the stored batch of the same id', async () => {
      const state = buildSession({ items: 4, batches: 3 });
      await using(open, async (backend) => {
        await backend.save(state);
        const done = buildBatch('batch-1', state.batches['batch-1']!.itemKeys, 'done');
        await backend.saveChanges!({
          sessionId: state.id,
          meta: metaOf(state),
          items: [],
          batches: [done],
        });
        const loaded = await backend.load(state.id);
        expect(loaded?.batches['batch-1']).toStrictEqual(done);
        expect(loaded?.batches['batch-0']).toStrictEqual(state.batches['batch-0']);
      });
    });

    test('saveChanges of a session that was never saved creates it', async () => {
      const state = buildSession({ items: 2, batches: 1 });
      await using(open, async (backend) => {
        await backend.saveChanges!({
          sessionId: state.id,
          meta: metaOf(state),
          items: Object.values(state.items),
          batches: Object.values(state.batches),
        });
        expect(await backend.load(state.id)).toStrictEqual(state);
      });
    });

    test('a change without meta keeps the stored meta and stores the records', async () => {
      const state = buildSession({ items: 3, batches: 0, album: 'Kept' });
      await using(open, async (backend) => {
        await backend.save(state);
        const item = { ...state.items['unit-0']!, attempts: 4 };
        await backend.saveChanges!({ sessionId: state.id, items: [item], batches: [] });
        expect(await backend.load(state.id)).toStrictEqual({
          ...state,
          items: { ...state.items, 'unit-0': item },
        });
      });
    });

    test('a change without meta to a session that does not exist gives STATE_INVALID', async () => {
      const id = randomSessionId('no-meta');
      await using(open, async (backend) => {
        const item = buildItem('discovered', 1);
        const error = await caught(() =>
          backend.saveChanges!({ sessionId: id, items: [item], batches: [] }),
        );
        expectCode(api, error, 'STATE_INVALID');
        expect(await backend.load(id)).toBeNull();
      });
    });

    test('many small saveChanges in a row keep every step', async () => {
      const state = buildSession({ items: 20, statuses: ['discovered'], batches: 0 });
      await using(open, async (backend) => {
        await backend.save(state);
        const expected = structuredClone(state);
        for (let i = 0; i < 20; i++) {
          const key = `unit-${i}`;
          const moved = transitionItem(expected.items[key]!, 'skipped', {
            skip: { reason: 'excluded', detail: `step ${i}` },
          });
          expected.items[key] = moved;
          expected.updatedAt = instant(1000 + i);
          await backend.saveChanges!({
            sessionId: state.id,
            meta: metaOf(expected),
            items: [moved],
            batches: [],
          });
        }
        expect(await backend.load(state.id)).toStrictEqual(expected);
      });
    });
  });
}
