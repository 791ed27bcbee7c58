/**
 * Large session: ten thousand units save and load (no timing asserted, only completion). It
 * stores over `<namespace>_large`, so its ten thousand records cannot slow the other groups down.
 */
import { transitionItem } from '@q2google/core';
import { buildSession, instant } from '../fixtures.js';
import { type GroupInput, using } from '../harness.js';

/** Registers the `large-session` group. */
export function largeSessionGroup(input: GroupInput): void {
  const { api, options, capabilities } = input;
  const ctx = { namespace: `${input.ctx.namespace}_large` };
  const { describe, test, expect } = api;
  const count = options.largeSessionItems ?? 10_000;
  const open = () => options.create(ctx);

  describe('large-session', () => {
    test(`a session of ${count} units saves and loads back exactly`, async () => {
      const state = buildSession({ items: count, batches: 3 });
      await using(open, async (backend) => {
        await backend.save(state);
        const loaded = await backend.load(state.id);
        expect(Object.keys(loaded?.items ?? {})).toHaveLength(count);
        expect(loaded).toStrictEqual(state);
      });
    }, 120_000);

    test.skipIf(!capabilities.incrementalSave)(
      `one unit changed in a session of ${count} units is saved incrementally`,
      async () => {
        const state = buildSession({ items: count, batches: 1 });
        await using(open, async (backend) => {
          await backend.save(state);
          const last = `unit-${Math.floor((count - 1) / 7) * 7}`; // a `discovered` unit near the end
          const moved = transitionItem(state.items[last]!, 'failed', {
            error: { code: 'INTERNAL', message: 'x', retryable: true, at: instant(3) },
          });
          const { items: _i, batches: _b, ...meta } = state;
          await backend.saveChanges!({ sessionId: state.id, meta, items: [moved], batches: [] });
          const loaded = await backend.load(state.id);
          expect(loaded?.items[last]).toStrictEqual(moved);
          expect(loaded?.items['unit-0']).toStrictEqual(state.items['unit-0']);
          expect(Object.keys(loaded?.items ?? {})).toHaveLength(count);
        });
      },
      120_000,
    );
  });
}
