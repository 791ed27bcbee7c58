/**
 * Transitions: backends persist what core validated. States produced by `transitionItem`
 * round-trip at every step; an illegal move throws in core before any backend call.
 */
import { Q2gError, transitionItem } from '@q2google/core';
import { buildSession, instant } from '../fixtures.js';
import { caught, expectCode, type GroupInput, using } from '../harness.js';

/** Registers the `transitions` group. */
export function transitionsGroup(input: GroupInput): void {
  const { api, options, ctx } = input;
  const { describe, test, expect } = api;
  const open = () => options.create(ctx);

  describe('transitions', () => {
    test('each forward step made by transitionItem is stored and loads back', async () => {
      const state = buildSession({ items: 2, statuses: ['discovered'], batches: 0 });
      const now = new Date(instant(60));
      const steps = [
        ['uploading', { upload: { url: 'https://u.test/1', offset: 0, startedAt: instant(1) } }],
        [
          'uploading',
          { upload: { url: 'https://u.test/1', offset: 2 ** 32, startedAt: instant(1) } },
        ],
        ['uploaded', { uploadToken: 'tok', uploadedAt: instant(2), tokenExpiresAt: instant(3000) }],
        ['creating', { batchId: 'batch-1' }],
        ['created', { mediaItemId: 'AK1', createdAt: instant(4) }],
      ] as const;
      await using(open, async (backend) => {
        await backend.save(state);
        for (const [to, patch] of steps) {
          const current = (await backend.load(state.id))!;
          const moved = transitionItem(current.items['unit-0']!, to, patch, now);
          const next = { ...current, items: { ...current.items, 'unit-0': moved } };
          await backend.save(next);
          expect(await backend.load(state.id)).toStrictEqual(next);
        }
        expect((await backend.load(state.id))?.items['unit-0']?.status).toBe('created');
      });
    });

    test('a failed unit keeps its error and attempt count, and a retry clears the error', async () => {
      const state = buildSession({ items: 1, statuses: ['discovered'], batches: 0 });
      const error = { code: 'GOPRO_NETWORK', message: 'reset', retryable: true, at: instant(9) };
      await using(open, async (backend) => {
        const failed = transitionItem(state.items['unit-0']!, 'failed', {
          error: { ...error, code: 'GOPRO_NETWORK' as const },
        });
        await backend.save({ ...state, items: { 'unit-0': failed } });
        const loaded = (await backend.load(state.id))!;
        expect(loaded.items['unit-0']).toStrictEqual(failed);
        expect(loaded.items['unit-0']?.attempts).toBe(1);
        const retried = transitionItem(loaded.items['unit-0']!, 'discovered');
        await backend.save({ ...loaded, items: { 'unit-0': retried } });
        const again = (await backend.load(state.id))!.items['unit-0']!;
        expect(again.error).toBeUndefined();
        expect(again).toStrictEqual(retried);
      });
    });

    test('an illegal move is refused by core with STATE_ILLEGAL_TRANSITION; the store is untouched', async () => {
      const state = buildSession({ items: 7, batches: 1 });
      await using(open, async (backend) => {
        await backend.save(state);
        const created = state.items['unit-4']!;
        expect(created.status).toBe('created');
        const error = await caught(() => transitionItem(created, 'discovered'));
        expect(error).toBeInstanceOf(Q2gError);
        expectCode(api, error, 'STATE_ILLEGAL_TRANSITION');
        expect(await backend.load(state.id)).toStrictEqual(state);
      });
    });
  });
}
