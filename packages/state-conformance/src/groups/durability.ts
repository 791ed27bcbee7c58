/** Durability: a new instance over the same storage sees everything the first one saved. */
import { transitionItem } from '@q2google/core';
import { buildSession, instant, randomSessionId } from '../fixtures.js';
import { closeQuietly, type GroupInput, skipGroup, using } from '../harness.js';

const TITLE = 'durability';

/** Registers the `durability` group (needs the `reopen` hook). */
export function durabilityGroup(input: GroupInput): void {
  const { api, options, ctx, capabilities } = input;
  const { describe, test, expect } = api;
  const reopen = options.reopen;
  if (!reopen) {
    skipGroup(api, TITLE, 'no `reopen` hook was given to open a second instance');
    return;
  }

  describe(TITLE, () => {
    test('a saved session is loaded by a reopened instance', async () => {
      const state = buildSession({ items: 21, batches: 3, album: 'Durable' });
      const first = await options.create(ctx);
      await first.save(state);
      await closeQuietly(first);
      await using(
        () => reopen(ctx),
        async (second) => {
          expect(await second.load(state.id)).toStrictEqual(state);
        },
      );
    });

    test.skipIf(!capabilities.incrementalSave)(
      'changes saved incrementally are loaded by a reopened instance',
      async () => {
        const state = buildSession({ items: 10, batches: 1 });
        const moved = transitionItem(state.items['unit-0']!, 'skipped', {
          skip: { reason: 'already-synced', detail: 'ledger' },
        });
        const { items: _i, batches: _b, ...meta } = state;
        const first = await options.create(ctx);
        await first.save(state);
        await first.saveChanges!({
          sessionId: state.id,
          meta: { ...meta, updatedAt: instant(99) },
          items: [moved],
          batches: [],
        });
        await closeQuietly(first);
        await using(
          () => reopen(ctx),
          async (second) => {
            expect(await second.load(state.id)).toStrictEqual({
              ...state,
              updatedAt: instant(99),
              items: { ...state.items, 'unit-0': moved },
            });
          },
        );
      },
    );

    test.skipIf(!capabilities.ledger)('ledger entries survive a reopen', async () => {
      const key = randomSessionId('ledger');
      const entry = { key, sessionId: 's-1', mediaItemId: 'AK9', createdAt: instant(1) };
      const first = await options.create(ctx);
      await first.ledgerRecord!([entry]);
      await closeQuietly(first);
      await using(
        () => reopen(ctx),
        async (second) => {
          expect((await second.ledgerLookup!([key])).get(key)).toStrictEqual(entry);
        },
      );
    });
  });
}
