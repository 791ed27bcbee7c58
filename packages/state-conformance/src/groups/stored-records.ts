/**
 * Stored records: read straight from storage with the `inspect` hook, each unit and batch is
 * its own record, and a save rewrites only the records that changed. It stores over
 * `<namespace>_records`, so its thousand-unit session cannot slow the other groups down.
 */
import { transitionItem } from '@q2google/core';
import { buildSession, instant } from '../fixtures.js';
import { type GroupInput, skipGroup, using } from '../harness.js';
import type { StoredRecord, StoredSession } from '../types.js';

const TITLE = 'stored-records';

type Stamps = Map<string, StoredRecord['stamp']>;

const stampsOf = (records: StoredSession['items']): Stamps =>
  new Map(Object.entries(records).map(([key, record]) => [key, record.stamp]));

/** The records of `after` that are new or were rewritten since `before`. */
const rewritten = (before: Stamps, after: Stamps): string[] =>
  [...after].filter(([key, stamp]) => before.get(key) !== stamp).map(([key]) => key);

/** Registers the `stored-records` group (needs the `inspect` hook). */
export function storedRecordsGroup(input: GroupInput): void {
  const { api, options, capabilities } = input;
  const ctx = { namespace: `${input.ctx.namespace}_records` };
  const { describe, test, expect } = api;
  const inspect = options.inspect;
  if (!inspect) {
    skipGroup(api, TITLE, 'no `inspect` hook was given to read what is really stored');
    return;
  }
  const open = () => options.create(ctx);
  const stored = async (sessionId: string) => {
    const session = await inspect(ctx, sessionId);
    expect(session, `inspect found nothing stored for ${sessionId}`).not.toBeNull();
    return { items: stampsOf(session!.items), batches: stampsOf(session!.batches) };
  };

  describe(TITLE, () => {
    const oneUnit = 'saveChanges of one unit in a 1,000-unit session rewrites exactly that record';
    const oneUnitTest = capabilities.incrementalSave ? test : test.skip;
    const oneUnitTitle = capabilities.incrementalSave
      ? oneUnit
      : `${oneUnit} — skipped: the backend does not declare incrementalSave`;
    oneUnitTest(oneUnitTitle, async () => {
      const state = buildSession({ items: 1000, statuses: ['discovered'], batches: 2 });
      await using(open, async (backend) => {
        await backend.save(state);
        const before = await stored(state.id);
        const moved = transitionItem(state.items['unit-500']!, 'skipped', {
          skip: { reason: 'excluded', detail: 'by test' },
        });
        const { items: _i, batches: _b, ...meta } = state;
        await backend.saveChanges!({
          sessionId: state.id,
          meta: { ...meta, updatedAt: instant(60) },
          items: [moved],
          batches: [],
        });
        const after = await stored(state.id);
        expect(rewritten(before.items, after.items)).toEqual(['unit-500']);
        expect(rewritten(before.batches, after.batches), 'batches rewritten').toEqual([]);
        expect(after.items.size).toBe(1000);
      });
    });

    test('a whole save of an unchanged session rewrites no record; a removed unit is deleted', async () => {
      const state = buildSession({ items: 50, batches: 2 });
      await using(open, async (backend) => {
        await backend.save(state);
        const before = await stored(state.id);
        expect([...before.items.keys()].sort()).toEqual(Object.keys(state.items).sort());
        expect([...before.batches.keys()].sort()).toEqual(Object.keys(state.batches).sort());
        await backend.save(state);
        const again = await stored(state.id);
        expect(rewritten(before.items, again.items)).toEqual([]);
        expect(rewritten(before.batches, again.batches)).toEqual([]);
        const { 'unit-7': _gone, ...rest } = state.items;
        await backend.save({ ...state, items: rest });
        const after = await stored(state.id);
        expect(after.items.has('unit-7')).toBe(false);
        expect(after.items.size).toBe(49);
      });
    });
  });
}
